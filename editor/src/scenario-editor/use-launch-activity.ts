import { useEffect } from 'react';
import { useStore } from 'zustand';
import { hooksApi } from '../api/hooks-api.ts';
import type { EditorStore } from '../store/editor-store.ts';

/** While a launch waits or fans out, its node's countdown and progress follow closely. */
const BUSY_MS = 1000;
const IDLE_MS = 1500;

const LAUNCHING = new Set(['trigger.hook', 'trigger.schedule']);

/**
 * Polls what the scenario's launch hook and schedule nodes are doing (a call waiting out its
 * delay, a fan-out's progress) while the scenario has an active version and such a node; the
 * node cards read it from the store.
 */
export function useLaunchActivity(
  store: EditorStore,
  scenario: { id: string; activeVersion: number | null },
) {
  const { id, activeVersion } = scenario;
  const launching = useStore(store, (state) => state.nodes.some((node) => LAUNCHING.has(node.type ?? '')));
  useEffect(() => {
    if (activeVersion === null || !launching) {
      store.getState().setLaunches(null);
      return;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      let busy = false;
      try {
        const sentAt = Date.now();
        const { now, items } = await hooksApi.launches(id, controller.signal);
        // The server's clock at about the middle of the round trip.
        const skewMs = Date.parse(now) - (sentAt + Date.now()) / 2;
        store
          .getState()
          .setLaunches({ byNode: Object.fromEntries(items.map((item) => [item.nodeId, item])), skewMs });
        busy = items.some((item) => item.pendingAt !== null || item.fanOut?.status === 'running');
      } catch {
        if (controller.signal.aborted) return;
      }
      timer = setTimeout(() => void load(), busy ? BUSY_MS : IDLE_MS);
    };
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [store, id, activeVersion, launching]);
}
