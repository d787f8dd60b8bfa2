import { useEffect } from 'react';
import { useStore } from 'zustand';
import { ApiError } from '../api/api-client.ts';
import { scenariosApi } from '../api/scenarios-api.ts';
import type { EditorStore } from '../store/editor-store.ts';

export const STATS_REFRESH_MS = 2500;

/**
 * Polls per-node counts while the scenario is active: of every version together, or of the one
 * the counts filter picked. A server without the stats route (404) is asked once.
 */
export function useNodeStats(
  store: EditorStore,
  scenario: { id: string; activeVersion: number | null; live: boolean },
): void {
  const { id: scenarioId, activeVersion, live } = scenario;
  const version = useStore(store, (state) => state.statsVersion);
  useEffect(() => {
    if (activeVersion === null) {
      store.getState().setStats(null);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const stats = await scenariosApi.stats(scenarioId, version);
        if (!stopped) store.getState().setStats(stats.nodes);
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 404) return;
      }
      if (!stopped && live) timer = setTimeout(() => void load(), STATS_REFRESH_MS);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [scenarioId, store, activeVersion, live, version]);
}
