import dagre from '@dagrejs/dagre';
import type { Graph } from '../store/flow-types.ts';

const FALLBACK = { width: 240, height: 84 };

/**
 * Top-to-bottom layered positions (dagre), keyed by node id. Edges are added in output order
 * (yes before no, success before failure), which keeps the first output on the left.
 */
export function layoutPositions(graph: Graph): Map<string, { x: number; y: number }> {
  const layout = new dagre.graphlib.Graph();
  layout.setGraph({ rankdir: 'TB', nodesep: 60, ranksep: 90, marginx: 20, marginy: 20 });
  layout.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    layout.setNode(node.id, {
      width: node.measured?.width ?? FALLBACK.width,
      height: node.measured?.height ?? FALLBACK.height,
    });
  }
  const ordered = [...graph.edges].sort((a, b) => handleRank(a.sourceHandle) - handleRank(b.sourceHandle));
  for (const edge of ordered) layout.setEdge(edge.source, edge.target);
  dagre.layout(layout);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of graph.nodes) {
    const placed = layout.node(node.id);
    const width = node.measured?.width ?? FALLBACK.width;
    const height = node.measured?.height ?? FALLBACK.height;
    // dagre gives centres; React Flow positions are top-left corners.
    if (placed?.x !== undefined && placed.y !== undefined) {
      positions.set(node.id, { x: Math.round(placed.x - width / 2), y: Math.round(placed.y - height / 2) });
    }
  }
  return positions;
}

function handleRank(handle: string | null | undefined): number {
  return handle === 'no' || handle === 'failure' ? 1 : 0;
}
