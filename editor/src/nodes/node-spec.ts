import type { NodeProps } from '@xyflow/react';
import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { NodeType } from '../../../engine/scenario/index.ts';
import type { FlowNode } from '../store/flow-types.ts';
import type { FieldLabels } from './field-labels.ts';

/** The palette sections, in the order a scenario is usually read. */
export const PALETTE_GROUPS = [
  { id: 'triggers', title: 'Triggers' },
  { id: 'conditions', title: 'Conditions' },
  { id: 'waits', title: 'Waits' },
  { id: 'actions', title: 'Actions' },
  { id: 'flow', title: 'Flow' },
] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number]['id'];

/** What an inspector form receives: the draft config of one node and a way to change it. */
export interface NodeFormProps {
  nodeId: string;
  config: Record<string, unknown>;
  /** Messages by field path (`config.url`), from the node's zod schema and the server. */
  errors: Readonly<Record<string, string>>;
  /** Replaces config fields; `key` names the field so rapid edits undo as one step. */
  onChange: (patch: Record<string, unknown>, key?: string) => void;
  /** A field the issues list asked to show (tabbed forms switch to its tab); `seq` makes repeats count. */
  focus?: { field?: string; seq: number } | null;
}

/** Everything the editor knows about one node type. Adding a type: one spec file + one registry line. */
export interface NodeSpec {
  type: NodeType;
  title: string;
  group: PaletteGroup;
  /** One sentence for the palette tooltip and the inspector header. */
  description: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  /** The shared zod schema of the node; field errors in the inspector come from it. */
  schema: z.ZodType;
  defaultConfig: () => Record<string, unknown>;
  /** One line shown on the canvas card, e.g. `POST https://…`. */
  summary: (config: Record<string, unknown>) => string;
  /** The canvas node, memoised: with hundreds of nodes, only the changed one may re-render. */
  Component: ComponentType<NodeProps<FlowNode>>;
  Form: ComponentType<NodeFormProps>;
  /** Labels of the form's fields by path pattern (see `fieldLabel`), for messages that name a field. */
  fieldLabels?: FieldLabels;
}
