import type { NodeType } from './node-schemas.ts';

/** The outputs each node type offers; an edge leaves a node through one of them. */
export const OUTPUT_HANDLES: Record<NodeType, readonly string[]> = {
  'trigger.event': ['out'],
  'trigger.hook': ['out'],
  'trigger.schedule': ['out'],
  condition: ['yes', 'no'],
  wait: ['out'],
  webhook: ['success', 'failure'],
  'set-attributes': ['out'],
  end: [],
};

export const isTriggerType = (type: NodeType): boolean => type.startsWith('trigger.');
