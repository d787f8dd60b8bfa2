import { z } from 'zod';
import { NodeIdSchema, ScenarioNodeSchema } from './node-schemas.ts';

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

export const ScenarioStatusSchema = z.enum(['draft', 'active', 'stopped']);
export type ScenarioStatus = z.infer<typeof ScenarioStatusSchema>;

export const ScenarioNameSchema = z.string().trim().min(1, 'name is required').max(200);

/** What a client sends to create or replace a scenario's draft. */
export const ScenarioInputSchema = z.object({
  name: ScenarioNameSchema,
  description: z.string().max(5000).default(''),
  definition: ScenarioDefinitionSchema.default({ nodes: [], edges: [] }),
});
export type ScenarioInput = z.infer<typeof ScenarioInputSchema>;

export interface Scenario {
  id: string;
  name: string;
  description: string;
  status: ScenarioStatus;
  /** The editable draft; activating freezes it into a new version. */
  definition: ScenarioDefinition;
  /** The version new runs start on while active; null before the first activation. */
  activeVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

/** An immutable snapshot of a definition; runs are pinned to one. */
export interface ScenarioVersion {
  scenarioId: string;
  version: number;
  name: string;
  definition: ScenarioDefinition;
  createdAt: string;
}
