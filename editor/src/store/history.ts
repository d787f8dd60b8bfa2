import type { Graph } from './flow-types.ts';

/** How many steps undo can go back; snapshots share unchanged nodes, so this stays cheap. */
export const HISTORY_LIMIT = 100;

/** Edits of the same field within this window undo together, like typing in a text editor. */
export const COALESCE_MS = 800;

export interface HistoryState {
  past: Graph[];
  future: Graph[];
}

export function pushPast(state: HistoryState, snapshot: Graph): HistoryState {
  return { past: [...state.past.slice(-(HISTORY_LIMIT - 1)), snapshot], future: [] };
}

export function undoStep(state: HistoryState, current: Graph): (HistoryState & { graph: Graph }) | null {
  const graph = state.past.at(-1);
  if (!graph) return null;
  return { graph, past: state.past.slice(0, -1), future: [current, ...state.future] };
}

export function redoStep(state: HistoryState, current: Graph): (HistoryState & { graph: Graph }) | null {
  const [graph, ...future] = state.future;
  if (!graph) return null;
  return { graph, past: [...state.past, current], future };
}
