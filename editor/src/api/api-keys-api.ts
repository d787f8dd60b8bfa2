import type { ApiKeyInput, ApiKeySummary } from '../../../engine/api-keys/api-key-schema.ts';
import { api } from './api-client.ts';

/** Typed calls to `/api/api-keys`; the key itself comes back only from `create`. */
export const apiKeysApi = {
  list: () => api<{ items: ApiKeySummary[] }>('GET', '/api/api-keys'),
  create: (input: ApiKeyInput) =>
    api<ApiKeySummary & { key: string }>('POST', '/api/api-keys', { body: input }),
  revoke: (id: string) => api<null>('DELETE', `/api/api-keys/${encodeURIComponent(id)}`),
};
