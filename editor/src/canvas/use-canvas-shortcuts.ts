import { useEffect } from 'react';
import { useEditorStoreApi } from '../store/editor-store-context.tsx';

/** Typing in a field keeps the browser's own undo, copy and delete. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Editor shortcuts: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, Ctrl/⌘+C/X/V/D copy, cut,
 * paste and duplicate, Delete/Backspace removes the selection.
 */
export function useCanvasShortcuts(enabled: boolean): void {
  const store = useEditorStoreApi();
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (isEditable(event.target) || event.altKey) return;
      // Text selected on the page (a rendered request, say) is copied by the browser, not as nodes.
      const textSelected = !(window.getSelection()?.isCollapsed ?? true);
      const state = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const actions: Record<string, () => void> = mod
        ? {
            z: event.shiftKey ? state.redo : state.undo,
            y: state.redo,
            ...(textSelected ? {} : { c: state.copy, x: state.cut }),
            v: state.paste,
            d: () => {
              state.copy();
              store.getState().paste();
            },
          }
        : { delete: state.deleteSelection, backspace: state.deleteSelection };
      const action = actions[key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, enabled]);
}
