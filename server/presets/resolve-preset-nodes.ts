import type { PresetCredentials } from '../../engine/presets/index.ts';
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
      // Credentials declared by the preset go through an integration, never a parameter.
      if (preset.credentials && !integrationId) {
        issues.push({
          nodeId: node.id,
          field: 'config.integrationId',
          message: credentialsNeeded(preset.name, preset.credentials),
        });
      }
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

/** "CM Telecom bulk SMS sends your CM.com product token through an integration: …" */
export function credentialsNeeded(name: string, credentials: PresetCredentials): string {
  const what = credentials.help || 'its credentials';
  const headers =
    credentials.headers.length > 0 ? ` with the secret header ${credentials.headers.join(', ')}` : '';
  return `${name} sends ${what} through an integration: choose a ${credentials.type} integration${headers} for ${credentials.endpointPrefix}`;
}
