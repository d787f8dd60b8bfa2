import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-client.ts';
import { type HookInfo, hooksApi } from '../api/hooks-api.ts';

/** While a new node has no URL yet (its draft is still being saved), ask again this often. */
const RETRY_MS = 3000;

export type HookUrlState =
  | { kind: 'loading' }
  | { kind: 'absent' }
  | { kind: 'ready'; hook: HookInfo }
  | { kind: 'error'; message: string };

/**
 * The launch hook of one node. The server gives a node its URL once the draft that holds it is
 * saved; until then (404 or no entry) it says "absent" and asks again every few seconds.
 */
export function useHookUrl(scenarioId: string | undefined, nodeId: string) {
  const [state, setState] = useState<HookUrlState>({ kind: 'loading' });
  const [seq, setSeq] = useState(0);
  const reload = useCallback(() => setSeq((value) => value + 1), []);

  useEffect(() => {
    if (!scenarioId) {
      setState({ kind: 'absent' });
      return;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      hooksApi
        .list(scenarioId, controller.signal)
        .then((answer) => {
          const hook = answer.hooks.find((candidate) => candidate.nodeId === nodeId);
          setState(hook ? { kind: 'ready', hook } : { kind: 'absent' });
          if (!hook) timer = setTimeout(load, RETRY_MS);
        })
        .catch((failure: unknown) => {
          if (controller.signal.aborted) return;
          if (failure instanceof ApiError && failure.status === 404) {
            setState({ kind: 'absent' });
            timer = setTimeout(load, RETRY_MS);
          } else setState({ kind: 'error', message: errorMessage(failure) });
        });
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [scenarioId, nodeId, seq]);

  return { state, reload };
}
