import type { Connection } from '@xyflow/react';
import type { FlowEdge, FlowNode, Graph, NodeData } from './flow-types.ts';
import { newEdgeId, newNodeId } from './new-id.ts';

/** An edge coloured by the output it leaves from (`edge-yes`, `edge-failure`, …). */
export function makeEdge(
  link: { source: string; target: string; handle: string },
  id = newEdgeId(),
): FlowEdge {
  const { source, target, handle } = link;
  return { id, source, target, sourceHandle: handle, className: `edge-${handle}` };
}

/** Pure graph edits: each returns a new graph and leaves the one passed in untouched. */

/** Connects two nodes; an output leads to one next step, so an old edge from it is replaced. */
export function connect(graph: Graph, connection: Connection): Graph {
  const handle = connection.sourceHandle ?? 'out';
  if (connection.source === connection.target) return graph;
  const kept = graph.edges.filter(
    (edge) => !(edge.source === connection.source && (edge.sourceHandle ?? 'out') === handle),
  );
  return {
    nodes: graph.nodes,
    edges: [...kept, makeEdge({ source: connection.source, target: connection.target, handle })],
  };
}

export function disconnect(graph: Graph, source: string, handle: string): Graph {
  return {
    nodes: graph.nodes,
    edges: graph.edges.filter((edge) => !(edge.source === source && (edge.sourceHandle ?? 'out') === handle)),
  };
}

export function hasSelection(graph: Graph): boolean {
  return graph.nodes.some((node) => node.selected) || graph.edges.some((edge) => edge.selected);
}

/** Removes the selected nodes, the selected edges and every edge touching a removed node. */
export function removeSelected(graph: Graph): Graph {
  const removed = new Set(graph.nodes.filter((node) => node.selected).map((node) => node.id));
  return {
    nodes: graph.nodes.filter((node) => !removed.has(node.id)),
    edges: graph.edges.filter(
      (edge) => !edge.selected && !removed.has(edge.source) && !removed.has(edge.target),
    ),
  };
}

/** The selected nodes with the edges between them, ready to paste elsewhere. */
export function copySelection(graph: Graph): Graph | null {
  const nodes = graph.nodes.filter((node) => node.selected);
  if (nodes.length === 0) return null;
  const ids = new Set(nodes.map((node) => node.id));
  return { nodes, edges: graph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)) };
}

/** Adds copies of the clipboard's nodes (new ids, selected) and their edges; `ids` maps each copied id to its copy's. */
export function paste(
  graph: Graph,
  clip: Graph,
  offset: { x: number; y: number },
): { graph: Graph; ids: Map<string, string> } {
  const taken = new Set(graph.nodes.map((node) => node.id));
  const idMap = new Map<string, string>();
  const pasted: FlowNode[] = clip.nodes.map((node) => {
    const id = newNodeId(node.type ?? 'node', taken);
    taken.add(id);
    idMap.set(node.id, id);
    return {
      id,
      type: node.type,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      data: structuredClone(node.data),
      selected: true,
    };
  });
  const edges = clip.edges.map((edge) =>
    makeEdge({
      source: idMap.get(edge.source)!,
      target: idMap.get(edge.target)!,
      handle: edge.sourceHandle ?? 'out',
    }),
  );
  return {
    graph: {
      nodes: [...deselectAll(graph.nodes), ...pasted],
      edges: [...graph.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)), ...edges],
    },
    ids: idMap,
  };
}

/** Adds a node, selects it, and optionally links it from an output of another node. */
export function addNode(graph: Graph, node: FlowNode, from?: { source: string; handle: string }): Graph {
  const next = { nodes: [...deselectAll(graph.nodes), { ...node, selected: true }], edges: graph.edges };
  return from
    ? connect(next, { source: from.source, sourceHandle: from.handle, target: node.id, targetHandle: null })
    : next;
}

export function updateNodeData(graph: Graph, id: string, patch: Partial<NodeData>): Graph {
  return {
    nodes: graph.nodes.map((node) => (node.id === id ? { ...node, data: { ...node.data, ...patch } } : node)),
    edges: graph.edges,
  };
}

export function selectOnly(nodes: FlowNode[], ids: ReadonlySet<string>): FlowNode[] {
  return nodes.map((node) => {
    const selected = ids.has(node.id);
    return Boolean(node.selected) === selected ? node : { ...node, selected };
  });
}

function deselectAll(nodes: FlowNode[]): FlowNode[] {
  return selectOnly(nodes, new Set());
}
