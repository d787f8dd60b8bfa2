import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import type { ValidationIssue } from '../../../engine/scenario/index.ts';
import type { NodeCounts } from '../api/api-types.ts';
import type { LaunchActivity } from '../api/hooks-api.ts';
import type { FlowNode, Graph, NodeData } from './flow-types.ts';
import * as ops from './graph-ops.ts';
import { COALESCE_MS, type HistoryState, pushPast, redoStep, undoStep } from './history.ts';

/** Where the canvas should look next: fit everything, or centre one node. */
export type ViewRequest = { kind: 'fit'; seq: number } | { kind: 'center'; nodeId: string; seq: number };

/** A request to select a node and put the cursor in one of its fields (from the issues list). */
export interface FocusRequest {
  nodeId: string;
  field?: string;
  seq: number;
}

/** Launch activity as last polled: by node, with the server's clock minus this browser's. */
export interface LaunchState {
  byNode: Record<string, LaunchActivity>;
  /** Add to `Date.now()` to read the server's clock (countdowns use the server's time). */
  skewMs: number;
}

export interface EditorState extends Graph, HistoryState {
  /** Bumps on every change autosave must write (not on selection or measuring). */
  revision: number;
  clipboard: Graph | null;
  issues: ValidationIssue[];
  issueCounts: Record<string, number>;
  stats: Record<string, NodeCounts> | null;
  /** Which version the counts and recent runs are of; null for every version together. */
  statsVersion: number | null;
  /** What launch hook and schedule nodes are doing, by node id, and the clock to count down by. */
  launches: LaunchState | null;
  focus: FocusRequest | null;
  view: ViewRequest | null;
  /** Fields of the answer each webhook node's last test send got (by node id), for suggestions. */
  testedFields: Record<string, string[]>;

  load: (graph: Graph) => void;
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange[]) => void;
  onConnect: (connection: Connection) => void;
  disconnect: (source: string, handle: string) => void;
  addNode: (node: FlowNode, from?: { source: string; handle: string }) => void;
  /** Edits one node's label or config; `key` groups rapid edits of one field into one undo step. */
  updateNode: (id: string, patch: Partial<NodeData>, key?: string) => void;
  deleteSelection: () => void;
  copy: () => void;
  cut: () => void;
  paste: () => void;
  undo: () => void;
  redo: () => void;
  setPositions: (positions: Map<string, { x: number; y: number }>) => void;
  select: (ids: string[]) => void;
  setIssues: (issues: ValidationIssue[]) => void;
  /** Drops the last validation's issues on a field and below it, once the user has edited it. */
  dismissFieldIssues: (nodeId: string, field: string) => void;
  setStats: (stats: Record<string, NodeCounts> | null) => void;
  setStatsVersion: (version: number | null) => void;
  setLaunches: (launches: LaunchState | null) => void;
  setTestedFields: (nodeId: string, fields: string[]) => void;
  focusIssue: (issue: ValidationIssue) => void;
  requestView: (view: { kind: 'fit' } | { kind: 'center'; nodeId: string }) => void;
}

export type EditorStore = ReturnType<typeof createEditorStore>;

/** One store per open scenario: the graph, its undo history, and what the canvas overlays. */
export function createEditorStore(initial: Graph = { nodes: [], edges: [] }) {
  // Kept outside the state: they steer history recording and nothing renders them.
  let lastKey: string | null = null;
  let lastAt = 0;
  let dragOrigin: Graph | null = null;
  let pasteCount = 0;
  let seq = 0;

  return createStore<EditorState>()((set, get) => {
    const graph = (): Graph => ({ nodes: get().nodes, edges: get().edges });

    /** Saves the current graph as an undo step before a change, unless it continues the last one. */
    const record = (key?: string) => {
      const now = Date.now();
      const continues = key !== undefined && key === lastKey && now - lastAt < COALESCE_MS;
      lastKey = key ?? null;
      lastAt = now;
      if (!continues) set(pushPast(get(), graph()));
    };
    const commit = (next: Graph, key?: string) => {
      record(key);
      set({ nodes: next.nodes, edges: next.edges, revision: get().revision + 1 });
    };

    return {
      ...initial,
      past: [],
      future: [],
      revision: 0,
      clipboard: null,
      issues: [],
      issueCounts: {},
      stats: null,
      statsVersion: null,
      launches: null,
      focus: null,
      view: null,
      testedFields: {},

      load: (loaded) => {
        lastKey = null;
        set({ nodes: loaded.nodes, edges: loaded.edges, past: [], future: [], revision: 0 });
      },
      onNodesChange: (changes) => {
        const before = graph();
        const nodes = applyNodeChanges(changes, before.nodes);
        let changed = false;
        for (const change of changes) {
          if (change.type === 'position' && change.dragging) dragOrigin ??= before;
          else if (change.type === 'position' || change.type === 'remove') changed = true;
        }
        if (changed) {
          // A finished drag undoes back to where it started; a keyboard nudge to just before it.
          set(pushPast(get(), dragOrigin ?? before));
          dragOrigin = null;
          lastKey = null;
          set({ nodes, revision: get().revision + 1 });
        } else set({ nodes });
      },
      onEdgesChange: (changes) => {
        const edges = applyEdgeChanges(changes, get().edges);
        if (changes.some((change) => change.type === 'remove')) commit({ nodes: get().nodes, edges });
        else set({ edges });
      },
      onConnect: (connection) => commit(ops.connect(graph(), connection)),
      disconnect: (source, handle) => commit(ops.disconnect(graph(), source, handle)),
      addNode: (node, from) => commit(ops.addNode(graph(), node, from)),
      updateNode: (id, patch, key) => commit(ops.updateNodeData(graph(), id, patch), key && `${id}:${key}`),
      deleteSelection: () => {
        if (ops.hasSelection(graph())) commit(ops.removeSelected(graph()));
      },
      copy: () => {
        const clip = ops.copySelection(graph());
        if (clip) {
          pasteCount = 0;
          set({ clipboard: clip });
        }
      },
      cut: () => {
        get().copy();
        get().deleteSelection();
      },
      paste: () => {
        const clip = get().clipboard;
        if (!clip) return;
        pasteCount += 1;
        const pasted = ops.paste(graph(), clip, { x: 40 * pasteCount, y: 40 * pasteCount });
        commit(pasted.graph);
        // A copy has its original's settings, so the same problems in them: show them on it at
        // once (card, tabs, fields) rather than after the next check. Graph problems stay put.
        const { issues, setIssues } = get();
        const copied = issues.flatMap((issue) => {
          const copy = issue.nodeId !== undefined && issue.field ? pasted.ids.get(issue.nodeId) : undefined;
          return copy ? [{ ...issue, nodeId: copy }] : [];
        });
        if (copied.length > 0) setIssues([...issues, ...copied]);
      },
      undo: () => {
        const step = undoStep(get(), graph());
        lastKey = null;
        if (step) set({ ...step.graph, past: step.past, future: step.future, revision: get().revision + 1 });
      },
      redo: () => {
        const step = redoStep(get(), graph());
        lastKey = null;
        if (step) set({ ...step.graph, past: step.past, future: step.future, revision: get().revision + 1 });
      },
      setPositions: (positions) =>
        commit({
          nodes: get().nodes.map((node) => {
            const position = positions.get(node.id);
            return position ? { ...node, position } : node;
          }),
          edges: get().edges,
        }),
      select: (ids) => set({ nodes: ops.selectOnly(get().nodes, new Set(ids)) }),
      setIssues: (issues) => {
        const issueCounts: Record<string, number> = {};
        for (const issue of issues)
          if (issue.nodeId) issueCounts[issue.nodeId] = (issueCounts[issue.nodeId] ?? 0) + 1;
        set({ issues, issueCounts });
      },
      dismissFieldIssues: (nodeId, field) => {
        const edited = (issue: ValidationIssue) =>
          issue.nodeId === nodeId &&
          issue.field !== undefined &&
          (issue.field === field || issue.field.startsWith(`${field}.`));
        const { issues, setIssues } = get();
        if (issues.some(edited)) setIssues(issues.filter((issue) => !edited(issue)));
      },
      setStats: (stats) => set({ stats }),
      setStatsVersion: (statsVersion) => set({ statsVersion }),
      setLaunches: (launches) => set({ launches }),
      setTestedFields: (nodeId, fields) => set({ testedFields: { ...get().testedFields, [nodeId]: fields } }),
      focusIssue: (issue) => {
        if (!issue.nodeId || !get().nodes.some((node) => node.id === issue.nodeId)) return;
        get().select([issue.nodeId]);
        seq += 1;
        set({
          focus: { nodeId: issue.nodeId, ...(issue.field ? { field: issue.field } : {}), seq },
          view: { kind: 'center', nodeId: issue.nodeId, seq },
        });
      },
      requestView: (view) => {
        seq += 1;
        set({ view: { ...view, seq } });
      },
    };
  });
}
