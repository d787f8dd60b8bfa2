import { type PresetDefinition, PresetDefinitionSchema } from '../../../engine/presets/index.ts';
import type { TemplateIssue } from '../api/api-types.ts';
import { BatchSettingsSchema } from '../../../engine/scenario/webhook-config-schema.ts';
import { scanParameters, type ParameterScan } from '../webhook/scan-parameters.ts';
import { templateSources } from '../webhook/template-sources.ts';

/** What the authoring form edits: a whole preset definition, defaults filled in. */
export type PresetDraft = PresetDefinition;

/** A new preset: a JSON POST with one example parameter, so the `[[ ]]` syntax is visible. */
export function emptyPresetDraft(): PresetDraft {
  const filled = PresetDefinitionSchema.parse({
    name: 'New preset',
    category: 'Other',
    webhook: {
      method: 'POST',
      url: 'https://api.example.com/[[ path ]]',
      headers: [],
      body: '{\n  "customer": {{ customer.id | tojson }},\n  "message": "[[ message : text ]]"\n}',
    },
    parameters: {},
  });
  // Parsed with a placeholder name for the defaults; the form starts with the name empty.
  return { ...filled, name: '' };
}

/** Batch settings when the batch box is ticked: one customer per line of the root's `customers`. */
export function defaultBatch(): NonNullable<PresetDraft['webhook']['batch']> {
  return BatchSettingsSchema.parse({ customerTemplate: '{ "id": {{ customer.id | tojson }} }' });
}

/**
 * Field errors of a draft by dotted path (`name`, `webhook.url`, `webhook.headers.0.key`), checked
 * with the schema the server checks with; empty when the draft can be saved.
 */
export function draftErrors(draft: PresetDraft): Record<string, string> {
  const result = PresetDefinitionSchema.safeParse(draft);
  const errors: Record<string, string> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const path = issue.path.join('.') || 'preset';
    errors[path] ??= issue.message;
  }
  return errors;
}

/** The `[[ ]]` parameters the draft's templates declare. */
export function draftParameters(draft: PresetDraft): ParameterScan {
  // The same template list the webhook inspector scans, so both find the same parameters.
  return scanParameters(templateSources(draft.webhook));
}

/**
 * Help texts of the parameters still used: a parameter removed from the templates takes its help
 * text with it, so a saved preset does not document parameters it no longer has.
 */
export function keptHelp(draft: PresetDraft, scan: ParameterScan): Record<string, string> {
  const used = new Set(scan.parameters.map((parameter) => parameter.name));
  return Object.fromEntries(
    Object.entries(draft.parameters).filter(([name, help]) => used.has(name) && help),
  );
}

/** The live template check's issues as field errors of the draft (`config.url` → `webhook.url`). */
export function templateErrors(issues: readonly TemplateIssue[]): Record<string, string> {
  return Object.fromEntries(
    issues.map((issue) => [issue.field.replace(/^config\./, 'webhook.'), issue.message]),
  );
}
