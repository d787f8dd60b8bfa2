import type { DraftDefinition } from '../../engine/scenario/index.ts';
import type { ValidationIssue } from '../../engine/scenario/validation-issue.ts';
import type { PresetService } from './preset-service.ts';

/**
 * Fills every webhook node made from a preset with the preset version it pinned, keeping the
 * node's own parameter values and integration. Activation freezes the result, so runs never
 * depend on later preset edits. Unknown presets or versions become validation issues.
 */
export async function resolvePresetNodes(
  draft: DraftDefinition,
  presets: PresetService,
): Promise<{ definition: DraftDefinition; issues: ValidationIssue[] }> {
  const issues: ValidationIssue[] = [];
  const nodes = await Promise.all(
    draft.nodes.map(async (node) => {
      const ref =
        node.type === 'webhook'
          ? (node.config.preset as { id?: unknown; version?: unknown } | undefined)
          : undefined;
      if (!ref || typeof ref.id !== 'string' || typeof ref.version !== 'number') return node;
      const preset = await presets.definitionAt(ref.id, ref.version);
      if (!preset) {
        issues.push({
          nodeId: node.id,
          field: 'config.preset',
          message: `preset "${ref.id}" has no version ${ref.version}`,
        });
        return node;
      }
      const integrationId = (node.config.integrationId as string | undefined) ?? preset.integrationId;
      return {
        ...node,
        config: {
          ...preset.webhook,
          preset: ref,
          parameters: node.config.parameters ?? {},
          ...(integrationId ? { integrationId } : {}),
        },
      };
    }),
  );
  return { definition: { ...draft, nodes }, issues };
}
