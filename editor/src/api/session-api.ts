import type { ApiKeyScope } from '../../../engine/api-keys/api-key-schema.ts';
import { api } from './api-client.ts';

/** Where the server's management key comes from (`GET /sign-in`, answered without a key). */
export type ApiKeySource = 'environment' | 'data-folder';

/** Sign-in calls: who a key belongs to, and where the management key is to be found. */
export const sessionApi = {
  /** Resolves with the key's holder, or rejects with the server's 401 / 403. */
  check: (key: string) =>
    api<{ name: string; scope: ApiKeyScope }>('GET', '/api/session', { key: key.trim() }),
  apiKeySource: async (): Promise<ApiKeySource | null> => {
    try {
      const response = await fetch('/sign-in');
      if (!response.ok) return null;
      return ((await response.json()) as { apiKeySource?: ApiKeySource }).apiKeySource ?? null;
    } catch {
      return null;
    }
  },
};
