import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import type { Suggestion } from '../suggestions/field-suggestions.tsx';

/** A path being typed in a template: `webhook.`, `webhook(2).us`, `customer.pl`, `event.properties.`. */
const TYPED_PATH = /(?:customer|event|webhook(?:\(\d+\))?)(?:\.[\w$-]*)+$/;

/**
 * Completes the field paths of `current()` where a template names `customer`, `event` or a
 * webhook response: after the last dot typed, the rest of each path that continues what is typed.
 */
export function pathCompletions(current: () => readonly Suggestion[]): Extension {
  const source = (context: CompletionContext): CompletionResult | null => {
    const typed = context.matchBefore(TYPED_PATH);
    if (!typed) return null;
    const prefix = typed.text.slice(0, typed.text.lastIndexOf('.') + 1);
    const options = current()
      .filter((suggestion) => suggestion.path.startsWith(prefix) && suggestion.path.length > prefix.length)
      .map((suggestion, index) => ({
        label: suggestion.path.slice(prefix.length),
        ...(suggestion.detail ? { detail: suggestion.detail } : {}),
        type: 'property',
        // In the order given (a body's own fields before status and headers), not by name.
        boost: Math.max(-99, 99 - index),
      }));
    if (options.length === 0) return null;
    return { from: typed.from + prefix.length, options, validFor: /^[\w$.-]*$/ };
  };
  return autocompletion({ override: [source], icons: false });
}
