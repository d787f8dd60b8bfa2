import { z } from 'zod';
import {
  ImportChoiceSchema,
  type PresetDefinition,
  PresetDefinitionSchema,
} from '../../engine/presets/index.ts';
import type { ValidationIssue } from '../../engine/scenario/index.ts';
import type { PresetRecord } from '../store/ports/preset-store.ts';

/** A presets export file; integration ids are never in it. */
export const PresetExportSchema = z.object({
  format: z.literal('hookflow-presets'),
  version: z.literal(1),
  presets: z
    .array(z.object({ definition: PresetDefinitionSchema, needsCredentials: z.boolean().default(false) }))
    .max(1000),
});
export type PresetExport = z.infer<typeof PresetExportSchema>;

/** An export file as `POST /api/presets/import` takes it, with the choices for name clashes. */
export const PresetImportSchema = PresetExportSchema.extend({
  /** For every clash without its own resolution; `ask` refuses the import (409) and lists them. */
  onConflict: z.enum(['ask', ...ImportChoiceSchema.options]).default('ask'),
  /** Per preset of the file, by its position (`"0"`, `"1"`…). */
  resolutions: z
    .record(z.string().regex(/^\d+$/, 'keys are positions in presets'), ImportChoiceSchema)
    .default({}),
});
export type PresetImport = z.infer<typeof PresetImportSchema>;

/** What importing one preset of the file does. */
export type ImportStep =
  | { action: 'create'; index: number; definition: PresetDefinition; needsCredentials: boolean }
  | {
      action: 'new-version';
      index: number;
      definition: PresetDefinition;
      needsCredentials: boolean;
      existing: PresetRecord;
    }
  | { action: 'skip'; index: number; existing: PresetRecord };

const key = (name: string) => name.trim().toLowerCase();

/** `Name (2)`, `Name (3)`…: the first name nobody uses (compared as clashes are). */
function freeName(name: string, taken: Set<string>): string {
  for (let n = 2; ; n += 1) {
    const candidate = `${name} (${n})`;
    if (!taken.has(key(candidate))) return candidate;
  }
}

/**
 * Decides what each preset of the file becomes, given the presets already here: a preset whose
 * name (trimmed, any case) is taken clashes, and its choice comes from `resolutions`, else
 * `onConflict`. `undecided` lists the clashes left to `ask` (the import must not start then).
 */
export function planImport(
  document: PresetImport,
  existing: readonly PresetRecord[],
): { steps: ImportStep[]; undecided: ValidationIssue[] } {
  const byName = new Map(existing.map((record) => [key(record.name), record]));
  const taken = new Set(byName.keys());
  const steps: ImportStep[] = [];
  const undecided: ValidationIssue[] = [];
  document.presets.forEach(({ definition: exported, needsCredentials: needed }, index) => {
    const { integrationId, ...definition } = exported;
    // One that had an integration elsewhere needs credentials here.
    const needsCredentials = needed || Boolean(integrationId);
    const clash = byName.get(key(definition.name));
    const choice = clash ? (document.resolutions[String(index)] ?? document.onConflict) : 'keep-both';
    if (choice === 'ask') {
      undecided.push({
        field: `presets.${index}`,
        message: `a preset named "${clash!.name}" exists (version ${clash!.version}): choose new-version, keep-both or skip`,
      });
    } else if (choice === 'skip') steps.push({ action: 'skip', index, existing: clash! });
    else if (choice === 'new-version') {
      steps.push({ action: 'new-version', index, definition, needsCredentials, existing: clash! });
    } else {
      // Also a second preset of the same name in the file: no two look-alikes come out of it.
      const name = taken.has(key(definition.name)) ? freeName(definition.name, taken) : definition.name;
      taken.add(key(name));
      steps.push({ action: 'create', index, definition: { ...definition, name }, needsCredentials });
    }
  });
  return { steps, undecided };
}
