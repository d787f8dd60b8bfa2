import type { NodeTypes } from '@xyflow/react';
import type { NodeType } from '../../../engine/scenario/index.ts';
import { conditionNode } from './condition-node.tsx';
import { endNode } from './end-node.tsx';
import { setAttributesNode } from './set-attributes-node.tsx';
import type { NodeSpec } from './node-spec.ts';
import { triggerEventNode } from './trigger-event-node.tsx';
import { triggerHookNode } from './trigger-hook-node.tsx';
import { triggerScheduleNode } from './trigger-schedule-node.tsx';
import { waitNode } from './wait-node.tsx';
import { webhookNode } from './webhook-node.tsx';

/**
 * Every node type the editor can draw, in palette order. A new type is one spec file and one
 * line here; keyed by the engine's node types, so a type without a spec fails to compile.
 */
const SPECS: Record<NodeType, NodeSpec> = {
  'trigger.event': triggerEventNode,
  'trigger.hook': triggerHookNode,
  'trigger.schedule': triggerScheduleNode,
  condition: conditionNode,
  wait: waitNode,
  webhook: webhookNode,
  'set-attributes': setAttributesNode,
  end: endNode,
};

export const NODE_SPECS: readonly NodeSpec[] = Object.values(SPECS);

export function nodeSpec(type: string | undefined): NodeSpec | undefined {
  return type !== undefined && Object.hasOwn(SPECS, type) ? SPECS[type as NodeType] : undefined;
}

/** React Flow's `nodeTypes`; built once at module load so React Flow never sees a new object. */
export const NODE_TYPES: NodeTypes = Object.fromEntries(
  NODE_SPECS.map((spec) => [spec.type, spec.Component]),
);
