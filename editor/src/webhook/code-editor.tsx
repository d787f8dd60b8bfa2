import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { xml } from '@codemirror/lang-xml';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { Annotation, Compartment, EditorState, type Extension, Transaction } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { type RefObject, useEffect, useRef } from 'react';
import type { Suggestion } from '../suggestions/field-suggestions.tsx';
import { pathCompletions } from './path-completions.ts';
import { templateMarks, templateTheme } from './template-marks.ts';

export type CodeLanguage = 'json' | 'xml' | 'text';

/** What a parent may do to the text (a placeholder list inserting at the cursor). */
export interface CodeEditorHandle {
  /** Replaces the selection (or inserts at the cursor) with `text`, as if typed. */
  insert(text: string): void;
}

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  language: CodeLanguage;
  diagnostics: readonly Diagnostic[];
  ariaLabel: string;
  placeholderText?: string;
  /** Shows the text without letting it change (a preset's templates live in the preset). */
  readOnly?: boolean;
  /** Field paths completed as they are typed (`webhook.` → the recorded response's fields). */
  completions?: readonly Suggestion[];
  /** Set to this editor's handle once it exists. */
  handle?: RefObject<CodeEditorHandle | null>;
}

/** Marks edits that come from outside (undo on the canvas), so they are not echoed back as user input. */
const external = Annotation.define<boolean>();

const languageOf = (language: CodeLanguage): Extension =>
  language === 'json' ? json() : language === 'xml' ? xml() : [];

/** CodeMirror 6 with JSON/XML highlighting, Nunjucks marks and inline diagnostics. */
export function CodeEditor({
  value,
  onChange,
  language,
  diagnostics,
  ariaLabel,
  placeholderText,
  readOnly = false,
  completions = [],
  handle,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  // The view lives across renders; it reads the latest callback through this ref.
  const changed = useRef(onChange);
  changed.current = onChange;
  const paths = useRef(completions);
  paths.current = completions;

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          highlightActiveLine(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          languageSlot.current.of(languageOf(language)),
          templateMarks,
          pathCompletions(() => paths.current),
          templateTheme,
          lintGutter(),
          EditorView.lineWrapping,
          placeholderText ? placeholder(placeholderText) : [],
          // No Tab capture: Tab keeps moving focus through the form (keyboard users).
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': ariaLabel, 'aria-readonly': String(readOnly) }),
          EditorState.readOnly.of(readOnly),
          EditorView.updateListener.of((update) => {
            const fromOutside = update.transactions.some((transaction) => transaction.annotation(external));
            if (update.docChanged && !fromOutside) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    if (handle)
      handle.current = {
        insert(text) {
          editor.dispatch(editor.state.replaceSelection(text));
          editor.focus();
        },
      };
    return () => {
      editor.destroy();
      if (handle) handle.current = null;
    };
    // Created once per mount on purpose; later prop changes are applied by the effects below.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      // An outside change (undo on the canvas, another tab): replace the text, keep it out of CM's own history.
      editor.dispatch({
        changes: { from: 0, to: editor.state.doc.length, insert: value },
        annotations: [external.of(true), Transaction.addToHistory.of(false)],
      });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.current.reconfigure(languageOf(language)) });
  }, [language]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const length = editor.state.doc.length;
    const clamped = diagnostics.map((item) => ({
      ...item,
      from: Math.min(item.from, length),
      to: Math.min(item.to, length),
    }));
    editor.dispatch(setDiagnostics(editor.state, clamped));
  }, [diagnostics]);

  return <div className="code-editor" ref={host} />;
}
