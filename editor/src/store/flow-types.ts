import type { Edge, Node } from '@xyflow/react';
import type { NodeType } from '../../../engine/scenario/index.ts';

/**
 * What a canvas node carries. Config stays loosely typed: a draft may hold unfinished settings,
 * and each node's form narrows it with that node type's zod schema.
 */
export interface NodeData extends Record<string, unknown> {
  label?: string;
  config: Record<string, unknown>;
}

export type FlowNode = Node<NodeData, NodeType>;
export type FlowEdge = Edge;

/** The part of the editor state that undo/redo restores and autosave writes. */
export interface Graph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}
