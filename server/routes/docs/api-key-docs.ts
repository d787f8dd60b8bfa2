import { z } from 'zod';
import { ApiKeyScopeSchema } from '../../../engine/api-keys/api-key-schema.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';

const tag = 'API keys';

/** A named key as listed: never the key, a hint to recognise it by. */
const ApiKeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: ApiKeyScopeSchema,
  hint: z.string().describe('the first characters of the key, e.g. `hk_MbR-…`'),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable().describe('accurate to about a minute; null when never used'),
});

const summary = {
  id: 'key_01k99d34nuciug6gn7la5drjq2',
  name: 'CRM sync',
  scope: 'admin',
  hint: 'hk_MbR-…',
  createdAt: '2026-12-07T23:23:16.094Z',
  lastUsedAt: null,
};

export const apiKeyDocs = {
  list: {
    tag,
    summary: 'List API keys',
    description:
      'Every named key, oldest first, with its scope, a hint of its first characters and when it was last used. The keys themselves are never answered again after their creation. The configured management and ingest keys are not listed.',
    responses: {
      200: {
        description: 'The named keys',
        schema: z.object({ items: z.array(ApiKeySummarySchema) }),
        example: { items: [summary] },
      },
    },
  },
  create: {
    tag,
    summary: 'Create an API key',
    description:
      "Creates a named key and answers it in `key`, this one time only: store it at once. `scope` is `admin` (the default: every operation) or `ingest` (only `POST /api/events`, for sending systems). Changes made with a key are recorded under its name (`updatedBy`, a version's `author`).",
    bodyExample: { name: 'CRM sync', scope: 'ingest' },
    responses: {
      201: {
        description: 'The key, with its secret value in `key` (shown once)',
        schema: ApiKeySummarySchema.extend({
          key: z.string().describe('the secret; send it as `Authorization: Bearer <key>`'),
        }),
        example: { ...summary, scope: 'ingest', key: 'hk_MbR-XalKa3FzDtncJvn4Zz8uS0T0601GKJyiLh200QU' },
      },
    },
  },
  revoke: {
    tag,
    summary: 'Revoke an API key',
    description:
      'Deletes the key: requests that present it are refused (401) from the next request on, in every server process. It cannot be undone; create a new key instead.',
    responses: { 204: { description: 'Revoked' } },
    errors: { not_found: 'API key "key_01k99d34nuciug6gn7la5drjq2" does not exist' },
  },
  session: {
    tag,
    summary: 'Who am I',
    description:
      "Names the holder of the presented key and its scope. The editor's sign-in form calls it to refuse a wrong key at once. An `ingest` key is answered 403, like on every operation but event ingestion.",
    responses: {
      200: {
        description: "The key's name (`admin key` for the configured management key) and scope",
        schema: z.object({ name: z.string().nullable(), scope: ApiKeyScopeSchema.nullable() }),
        example: { name: 'admin key', scope: 'admin' },
      },
    },
  },
} satisfies Record<string, OperationDocs>;
