import type { DraftDefinition } from '../../../engine/scenario/index.ts';
import type { FlowEdge, Graph } from './flow-types.ts';
import { makeEdge } from './graph-ops.ts';

/** Turns a saved draft into canvas nodes and edges. */
export function toGraph(definition: DraftDefinition): Graph {
  return {
    nodes: definition.nodes.map((node) => ({
      id: node.id,
      type: node.type,
      position: { x: node.position?.x ?? 0, y: node.position?.y ?? 0 },
      data: { ...(node.label ? { label: node.label } : {}), config: node.config ?? {} },
    })),
    edges: definition.edges.map(toFlowEdge),
  };
}

export function toFlowEdge(edge: DraftDefinition['edges'][number]): FlowEdge {
  return makeEdge({ source: edge.source, target: edge.target, handle: edge.sourceHandle ?? 'out' }, edge.id);
}

/** Turns the canvas back into the draft the API stores; canvas-only fields are dropped. */
export function toDefinition(graph: Graph): DraftDefinition {
  return {
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      type: node.type as DraftDefinition['nodes'][number]['type'],
      ...(node.data.label ? { label: node.data.label } : {}),
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      config: node.data.config,
    })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? 'out',
    })),
  };
}
