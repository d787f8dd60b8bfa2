import { useEffect, useRef, useState } from 'react';
import type { EditorStore } from '../store/editor-store.ts';
import { type Autosaver, createAutosaver, type SaveState } from './autosaver.ts';

/** Autosaves the open draft; also saves on leaving the page. */
export function useAutosave(scenarioId: string, store: EditorStore | null) {
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const saver = useRef<Autosaver | null>(null);
  useEffect(() => {
    if (!store) return;
    const current = createAutosaver(scenarioId, store, setState);
    saver.current = current;
    const onHide = () => current.flushOnExit();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      current.flushOnExit();
      current.stop();
      saver.current = null;
    };
  }, [scenarioId, store]);
  return { state, flush: () => saver.current?.flush() ?? Promise.resolve() };
}
