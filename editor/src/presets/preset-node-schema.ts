import { z } from 'zod';
import { WebhookNodeSchema } from '../../../engine/scenario/index.ts';

/** A webhook node made from a preset: the reference, parameter values and an optional integration. */
export const PresetWebhookNodeSchema = z.object({
  id: z.string(),
  type: z.literal('webhook'),
  config: z.object({
    preset: z.object({ id: z.string().min(1).max(100), version: z.number().int().min(1) }),
    parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    integrationId: z.string().max(100).optional(),
  }),
});

const hasPreset = (value: unknown) =>
  typeof (value as { config?: { preset?: unknown } } | null)?.config?.preset === 'object';

/**
 * The editor's check of a webhook node: preset nodes need only their reference and values (the
 * server fills the rest from the preset at activation); others the full shared schema.
 */
export const WebhookDraftNodeSchema = z.unknown().superRefine((value, ctx) => {
  const schema = hasPreset(value) ? PresetWebhookNodeSchema : WebhookNodeSchema;
  const parsed = schema.safeParse(value);
  if (parsed.success) return;
  for (const issue of parsed.error.issues)
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});
