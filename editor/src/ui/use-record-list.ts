import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client.ts';

export interface RecordList<T> {
  /** `null` until the first answer. */
  items: T[] | null;
  error: string | null;
  setError: (message: string | null) => void;
  reload: () => Promise<void>;
}

/**
 * A settings list (integrations, throughput policies, API keys) read on mount; `reload` reads it
 * again after a change. Answers that arrive after unmount are dropped rather than set on a gone
 * component. `list` must be a stable function, such as an `*Api.list` of `src/api`.
 */
export function useRecordList<T>(list: () => Promise<{ items: T[] }>): RecordList<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  const reload = useCallback(async () => {
    try {
      const answer = await list();
      if (mounted.current) setItems(answer.items);
    } catch (failure) {
      if (mounted.current) setError(errorMessage(failure));
    }
  }, [list]);
  useEffect(() => {
    mounted.current = true;
    void reload();
    return () => {
      mounted.current = false;
    };
  }, [reload]);
  return { items, error, setError, reload };
}
