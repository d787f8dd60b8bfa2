import { type RefObject, useEffect } from 'react';
import type { FocusRequest } from '../store/editor-store.ts';

const FOCUSABLE = 'input, select, textarea, button, [contenteditable="true"]';

/** `config.headers.2.value` → itself, `config.headers.2`, `config.headers`, `config`. */
function candidates(field: string): string[] {
  const parts = field.split('.');
  return parts.map((_, index) => parts.slice(0, parts.length - index).join('.'));
}

/**
 * Puts the cursor in the field an issue names. Tabbed forms switch tab in their own effect, so
 * this retries for a few frames until the field is in the DOM.
 */
export function useFocusField(container: RefObject<HTMLElement | null>, focus: FocusRequest | null): void {
  useEffect(() => {
    if (!focus?.field) return;
    let frame = 0;
    let tries = 0;
    const attempt = () => {
      const root = container.current;
      const host =
        root &&
        candidates(focus.field!)
          .map((path) => root.querySelector(`[data-field="${CSS.escape(path)}"]`))
          .find(Boolean);
      const target = host?.matches(FOCUSABLE) ? host : host?.querySelector(FOCUSABLE);
      if (target instanceof HTMLElement) {
        target.focus();
        target.scrollIntoView({ block: 'nearest' });
      } else if (tries++ < 10) frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [container, focus]);
}
