import { z } from 'zod';
import { WebhookConfigSchema } from '../scenario/webhook-config-schema.ts';

/** Batch mode of a preset: each customer renders `customerTemplate`; the body is the root template. */
export const PresetBatchSchema = z.object({
  customerTemplate: z.string().min(1).max(100_000),
  size: z.number().int().min(1).max(1000).default(100),
});

/**
 * A reusable webhook: the node settings (templates with `[[ parameters ]]`), what each parameter
 * means, and optionally batch templates and a default authentication integration.
 */
export const PresetDefinitionSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  description: z.string().max(5000).default(''),
  category: z.string().max(100).default('Other'),
  docs: z.url().optional(),
  webhook: WebhookConfigSchema.omit({ parameters: true, integrationId: true }),
  /** Help text per parameter name, shown next to the field in the Parameters tab. */
  parameters: z.record(z.string(), z.string().max(1000)).default({}),
  batch: PresetBatchSchema.optional(),
  /** Default authentication integration of this instance (dropped on export). */
  integrationId: z.string().max(100).optional(),
});
export type PresetDefinition = z.infer<typeof PresetDefinitionSchema>;

/** A preset shipped in `templates/presets/`, with sample values its test renders with. */
export const LibraryPresetSchema = PresetDefinitionSchema.extend({
  slug: z.string().regex(/^[a-z0-9-]+$/, 'slug is lower-case words joined by "-"'),
  sample: z.object({
    parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  }),
});
export type LibraryPreset = z.infer<typeof LibraryPresetSchema>;
