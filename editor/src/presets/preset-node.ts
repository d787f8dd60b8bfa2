import type { PresetDefinition } from '../../../engine/presets/index.ts';
import type { DraftDefinition } from '../../../engine/scenario/index.ts';
import { recordOf } from '../inspector/config-values.ts';
import { presetCatalog } from './preset-catalog.ts';

export interface PresetRef {
  id: string;
  version: number;
}

/** The preset a webhook node was made from, or undefined for a hand-written webhook. */
export function presetRefOf(config: Record<string, unknown>): PresetRef | undefined {
  const ref = recordOf(config.preset);
  return typeof ref.id === 'string' && typeof ref.version === 'number'
    ? { id: ref.id, version: ref.version }
    : undefined;
}

/** What a dropped preset becomes: the reference and empty values; activation fills in the rest. */
export function presetNodeConfig(ref: PresetRef): Record<string, unknown> {
  return { preset: { id: ref.id, version: ref.version }, parameters: {} };
}

/**
 * The full webhook config a preset node stands for, as the server builds it at activation:
 * the pinned version's webhook plus the node's parameter values and integration.
 */
export function fillFromPreset(
  config: Record<string, unknown>,
  preset: PresetDefinition,
): Record<string, unknown> {
  const integrationId =
    typeof config.integrationId === 'string' ? config.integrationId : preset.integrationId;
  return {
    ...preset.webhook,
    preset: config.preset,
    parameters: recordOf(config.parameters),
    ...(integrationId ? { integrationId } : {}),
  };
}

/** A draft with every preset node filled in, so the server's validation sees what activation will. */
export async function resolvePresetNodes(draft: DraftDefinition): Promise<DraftDefinition> {
  const nodes = await Promise.all(
    draft.nodes.map(async (node) => {
      const config = recordOf(node.config);
      const ref = node.type === 'webhook' ? presetRefOf(config) : undefined;
      if (!ref) return node;
      const preset = await presetCatalog.getState().definitionAt(ref.id, ref.version);
      return preset ? { ...node, config: fillFromPreset(config, preset) } : node;
    }),
  );
  return { ...draft, nodes } as DraftDefinition;
}
