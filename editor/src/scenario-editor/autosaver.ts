import { errorMessage } from '../api/api-client.ts';
import { scenariosApi } from '../api/scenarios-api.ts';
import { toDefinition } from '../store/definition-convert.ts';
import type { EditorStore } from '../store/editor-store.ts';

export type SaveState =
  { kind: 'saved' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'error'; message: string };

export const AUTOSAVE_DELAY_MS = 700;

export interface Autosaver {
  /** Writes any unsaved change now; resolves once the server has it (activation waits for this). */
  flush: () => Promise<void>;
  /** Sends what is unsaved with `keepalive`, for a page that is closing. */
  flushOnExit: () => void;
  stop: () => void;
}

/**
 * Saves the draft a moment after each change (debounced PATCH). Saves never overlap: a change
 * made during a save is written by the next one, so the server always ends with the latest graph.
 */
export function createAutosaver(
  scenarioId: string,
  store: EditorStore,
  report: (state: SaveState) => void,
): Autosaver {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let savedRevision = store.getState().revision;
  let inflight: Promise<void> | null = null;

  const dirty = () => store.getState().revision !== savedRevision;
  const saveOnce = async () => {
    const { revision, nodes, edges } = store.getState();
    report({ kind: 'saving' });
    try {
      await scenariosApi.update(scenarioId, { definition: toDefinition({ nodes, edges }) });
      savedRevision = revision;
      report(dirty() ? { kind: 'pending' } : { kind: 'saved' });
    } catch (failure) {
      report({ kind: 'error', message: errorMessage(failure) });
      throw failure;
    }
  };
  const flush = async (): Promise<void> => {
    clearTimeout(timer);
    while (inflight) await inflight.catch(() => undefined);
    if (!dirty()) return;
    inflight = saveOnce().finally(() => {
      inflight = null;
    });
    await inflight;
    if (dirty()) await flush();
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.revision === previous.revision) return;
    report({ kind: 'pending' });
    clearTimeout(timer);
    timer = setTimeout(() => void flush().catch(() => undefined), AUTOSAVE_DELAY_MS);
  });
  return {
    flush,
    flushOnExit: () => {
      if (!dirty()) return;
      const { nodes, edges } = store.getState();
      void scenariosApi
        .update(scenarioId, { definition: toDefinition({ nodes, edges }) }, true)
        .catch(() => undefined);
    },
    stop: () => {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
