import { z } from 'zod';
import { WebhookConfigSchema } from '../scenario/webhook-config-schema.ts';

/**
 * The credentials a preset's requests need, which a node sends through an authentication
 * integration (so they are encrypted at rest, added at send time, and never in a scenario or an
 * export), described so the editor can say which integration to create.
 * Example: `{ type: "headers", endpointPrefix: "https://gw.messaging.cm.com/v1.0",
 * headers: ["X-CM-PRODUCTTOKEN"], help: "your CM.com product token" }`.
 */
export const PresetCredentialsSchema = z.object({
  type: z.enum(['basic', 'bearer', 'headers', 'oauth2', 'signed']),
  endpointPrefix: z.url({ protocol: /^https?$/, message: 'endpointPrefix must be an absolute http(s) URL' }),
  /** For `headers`: the secret header names the integration holds. */
  headers: z.array(z.string().min(1).max(200)).max(20).default([]),
  /** What the secret is and where to find it. */
  help: z.string().max(1000).default(''),
});
export type PresetCredentials = z.infer<typeof PresetCredentialsSchema>;

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
  /** Credentials its nodes must send through an integration: activation asks for one. */
  credentials: PresetCredentialsSchema.optional(),
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
