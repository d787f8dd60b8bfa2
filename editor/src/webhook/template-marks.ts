import {
  Decoration,
  type DecorationSet,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  type ViewUpdate,
} from '@codemirror/view';

/** `{{ expr }}`, `{% tag %}`, `{# comment #}` and `[[ param ]]`, marked over the JSON/XML highlighting. */
const TEMPLATE = /\{\{[^\n]*?\}\}|\{%[^\n]*?%\}|\{#[^\n]*?#\}|\[\[[^\n]*?\]\]/g;

const marks = {
  '{{': Decoration.mark({ class: 'cm-nj-expr' }),
  '{%': Decoration.mark({ class: 'cm-nj-tag' }),
  '{#': Decoration.mark({ class: 'cm-nj-comment' }),
  '[[': Decoration.mark({ class: 'cm-nj-param' }),
};

const decorator = new MatchDecorator({
  regexp: TEMPLATE,
  decoration: (match) => marks[match[0].slice(0, 2) as keyof typeof marks] ?? null,
});

export const templateMarks = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;

    constructor(view: EditorView) {
      this.decorations = decorator.createDeco(view);
    }

    update(update: ViewUpdate) {
      this.decorations = decorator.updateDeco(update, this.decorations);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/**
 * Template marks keep their own colour over the JSON/XML highlighting inside them: in a JSON
 * string, `"[[ note ]]"` used to take the string's dark red, which reads as an error.
 */
export const templateTheme = EditorView.baseTheme({
  '.cm-nj-expr span, .cm-nj-tag span, .cm-nj-comment span, .cm-nj-param span': { color: 'inherit' },
  '.cm-nj-expr': { color: '#7c3aed', backgroundColor: 'rgba(124, 58, 237, 0.08)', borderRadius: '3px' },
  '.cm-nj-tag': { color: '#c2410c', backgroundColor: 'rgba(194, 65, 12, 0.08)', borderRadius: '3px' },
  '.cm-nj-comment': { color: '#6b7280', fontStyle: 'italic' },
  '.cm-nj-param': {
    color: '#0e7490',
    backgroundColor: 'rgba(14, 116, 144, 0.1)',
    borderRadius: '3px',
    fontWeight: '600',
  },
});
