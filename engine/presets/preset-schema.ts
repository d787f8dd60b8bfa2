import { z } from 'zod';
import { WebhookConfigSchema } from '../scenario/webhook-config-schema.ts';

/**
 * A reusable webhook: the node settings (templates with `[[ parameters ]]`), what each parameter
 * means, and optionally a default authentication integration. A batch preset's `webhook.batch`
 * holds the customer template (its `body` is the root template).
 */
export const PresetDefinitionSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  description: z.string().max(5000).default(''),
  category: z.string().max(100).default('Other'),
  docs: z.url().optional(),
  webhook: WebhookConfigSchema.omit({ parameters: true, integrationId: true }),
  /** Help text per parameter name, shown next to the field in the Parameters tab. */
  parameters: z.record(z.string(), z.string().max(1000)).default({}),
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
