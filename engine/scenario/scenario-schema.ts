import { z } from 'zod';
import { jsonObject } from '../validation/index.ts';
import { NODE_TYPES, NodeIdSchema, ScenarioNodeSchema } from './node-schemas.ts';

export const EdgeSchema = z.object({
  id: z.string().min(1).max(130),
  source: NodeIdSchema,
  target: NodeIdSchema,
  /** Which output of the source node: `out`, `yes`/`no` (condition), `success`/`failure` (webhook). */
  sourceHandle: z.string().default('out'),
});
export type Edge = z.infer<typeof EdgeSchema>;

/** The graph a user draws. Validated structurally here and as a graph by `validateScenario`. */
export const ScenarioDefinitionSchema = z.object({
  nodes: z.array(ScenarioNodeSchema).max(2000),
  edges: z.array(EdgeSchema).max(4000),
});
export type ScenarioDefinition = z.infer<typeof ScenarioDefinitionSchema>;

/**
 * A draft node's settings are unchecked until activation, so they are bounded as free-form JSON:
 * 32 levels (a real config has fewer than 10), and in size only by the request (a webhook body
 * template alone may hold 1,000,000 characters).
 */
const DRAFT_CONFIG_BOUNDS = { maxDepth: 32, maxBytes: Infinity };

/**
 * A draft as the editor autosaves it: the graph's shape is checked (ids, types, edges), but
 * node settings may be unfinished. Activation applies `ScenarioDefinitionSchema` and the graph
 * rules, and reports what is missing by node and field.
 */
export const DraftDefinitionSchema = z.object({
  nodes: z
    .array(
      z.object({
        id: NodeIdSchema,
        type: z.enum(NODE_TYPES),
        label: z.string().max(200).optional(),
        position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
        config: jsonObject('config', DRAFT_CONFIG_BOUNDS).default({}),
      }),
    )
    .max(2000),
  edges: z.array(EdgeSchema).max(4000),
});
export type DraftDefinition = z.infer<typeof DraftDefinitionSchema>;

export const ScenarioStatusSchema = z.enum(['draft', 'active', 'stopped']);
export type ScenarioStatus = z.infer<typeof ScenarioStatusSchema>;

export const ScenarioNameSchema = z.string().trim().min(1, 'name is required').max(200);

/** What a client sends to create or replace a scenario's draft. */
export const ScenarioInputSchema = z.object({
  name: ScenarioNameSchema,
  description: z.string().max(5000).default(''),
  definition: DraftDefinitionSchema.default({ nodes: [], edges: [] }),
});
export type ScenarioInput = z.infer<typeof ScenarioInputSchema>;

export interface Scenario {
  id: string;
  name: string;
  description: string;
  status: ScenarioStatus;
  /** The editable draft; activating validates it and freezes it into a new version. */
  definition: DraftDefinition;
  /** The version new runs start on while active; null before the first activation. */
  activeVersion: number | null;
  createdAt: string;
  updatedAt: string;
  /** Who last saved the draft: the name of the API key used ("admin key" for the main key). */
  updatedBy: string | null;
}

/** An immutable snapshot of a definition; runs are pinned to one. */
export interface ScenarioVersion {
  scenarioId: string;
  version: number;
  name: string;
  definition: ScenarioDefinition;
  createdAt: string;
  /** Who activated it: the name of the API key used; null for versions made before this was kept. */
  author: string | null;
}
