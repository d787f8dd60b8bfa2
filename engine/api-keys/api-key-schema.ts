import { z } from 'zod';

/**
 * What a key opens: `admin` the whole management API, `ingest` only `POST /api/events`
 * (for sending systems, like `HOOKFLOW_INGEST_KEY`).
 */
export const ApiKeyScopeSchema = z.enum(['admin', 'ingest']);
export type ApiKeyScope = z.infer<typeof ApiKeyScopeSchema>;

/** What a client sends to create a named key, e.g. `{ "name": "CRM sync", "scope": "ingest" }`. */
export const ApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(100),
  scope: ApiKeyScopeSchema.default('admin'),
});
export type ApiKeyInput = z.infer<typeof ApiKeyInputSchema>;

/** A named key as listed: never the key itself, only a hint to recognise it by. */
export interface ApiKeySummary {
  id: string;
  name: string;
  scope: ApiKeyScope;
  /** The first characters of the key, e.g. `hk_ab12…`. */
  hint: string;
  createdAt: string;
  /** Updated at most once a minute, so it is accurate to about a minute; null when never used. */
  lastUsedAt: string | null;
}
