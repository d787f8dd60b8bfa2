import type { TriggerHookNode } from '../../engine/scenario/node-schemas.ts';
import type { ScenarioCatalog } from '../runtime/scenario-catalog.ts';
import type { ScenarioStore } from '../store/ports/scenario-store.ts';

/** A launch hook that may launch now: its node in the scenario's active version. */
export interface ActiveHookNode {
  scenarioId: string;
  version: number;
  node: TriggerHookNode;
}

/**
 * The hook node as the active version has it, or null when calling it must answer 404: the
 * scenario is gone or not active, its active version has no such `trigger.hook` node, or the
 * node is disabled. Callers never learn which.
 */
export async function activeHookNode(
  deps: { scenarios: ScenarioStore; catalog: ScenarioCatalog },
  hook: { scenarioId: string; nodeId: string },
): Promise<ActiveHookNode | null> {
  const scenario = await deps.scenarios.get(hook.scenarioId);
  if (!scenario || scenario.status !== 'active' || scenario.activeVersion === null) return null;
  const compiled = await deps.catalog.get(scenario.id, scenario.activeVersion);
  const node = compiled?.version.definition.nodes.find((candidate) => candidate.id === hook.nodeId);
  if (!node || node.type !== 'trigger.hook' || !node.config.enabled) return null;
  return { scenarioId: scenario.id, version: scenario.activeVersion, node };
}
