import type { PresetDefinition } from '../../../engine/presets/index.ts';
import { extractParameters, type TemplateParameter } from '../../../engine/template/template-parameters.ts';

export type PresetParameter = TemplateParameter & { help: string };

/** The `[[ ]]` parameters of a preset's webhook with their help texts, as the server computes them. */
export function presetParameters(definition: PresetDefinition): PresetParameter[] {
  const { webhook, parameters: help } = definition;
  const sources = [
    webhook.url,
    webhook.body,
    ...webhook.headers.map((header) => header.value),
    ...webhook.query.map((query) => query.value),
  ];
  try {
    return extractParameters(...sources).map((parameter) => ({
      ...parameter,
      help: help[parameter.name] ?? '',
    }));
  } catch {
    return [];
  }
}
