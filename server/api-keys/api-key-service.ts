import type { ApiKeyInput, ApiKeyScope, ApiKeySummary } from '../../engine/api-keys/api-key-schema.ts';
import { notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../runtime/clock.ts';
import type { ApiKeyStore } from '../store/ports/api-key-store.ts';
import { API_KEY_PREFIX, apiKeyHint, generateApiKey, hashApiKey } from './api-key-secret.ts';

/** Who a request acts as: a named key, or the configured admin / ingest key. */
export interface Principal {
  /** Recorded as the author of what the request changes, e.g. "CRM sync" or "admin key". */
  name: string;
  scope: ApiKeyScope;
  /** The named key's id; null for the configured keys. */
  keyId: string | null;
}

/** `lastUsedAt` is written at most this often per key, so busy keys do not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Creates, lists and revokes named API keys, and tells who a presented key belongs to. */
export class ApiKeyService {
  private readonly store: ApiKeyStore;
  private readonly clock: Clock;

  constructor(options: { store: ApiKeyStore; clock: Clock }) {
    this.store = options.store;
    this.clock = options.clock;
  }

  /** Stores a new key's hash and returns the key itself: the only time it is ever available. */
  async create(input: ApiKeyInput): Promise<ApiKeySummary & { key: string }> {
    const key = generateApiKey();
    const summary: ApiKeySummary = {
      id: newId('key', this.clock.now()),
      name: input.name,
      scope: input.scope,
      hint: apiKeyHint(key),
      createdAt: new Date(this.clock.now()).toISOString(),
      lastUsedAt: null,
    };
    await this.store.create({ ...summary, hash: hashApiKey(key) });
    return { ...summary, key };
  }

  list(): Promise<ApiKeySummary[]> {
    return this.store.list();
  }

  /** Deletes the key; the next request that presents it is refused. */
  async revoke(id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw notFound('API key', id);
  }

  /**
   * The principal of a named key, or null. Read from the store on every call (no cache), so a
   * revoked key stops working at once, in every process sharing the store.
   */
  async authenticate(key: string): Promise<Principal | null> {
    if (!key.startsWith(API_KEY_PREFIX)) return null;
    const record = await this.store.findByHash(hashApiKey(key));
    if (!record) return null;
    const now = this.clock.now();
    const last = record.lastUsedAt ? Date.parse(record.lastUsedAt) : Number.NEGATIVE_INFINITY;
    if (now - last >= LAST_USED_RESOLUTION_MS) {
      await this.store.touch(record.id, new Date(now).toISOString());
    }
    return { name: record.name, scope: record.scope, keyId: record.id };
  }
}
