import type { ApiKeySummary } from '../../../engine/api-keys/api-key-schema.ts';

/** A named API key as stored: the SHA-256 hash of the key, never the key. */
export interface ApiKeyRecord extends ApiKeySummary {
  /** Hex SHA-256 of the whole key; unique. */
  hash: string;
}

/**
 * Named API keys. Called by the API key routes (create, list, revoke) and by the auth hook on
 * every request (findByHash, and touch at most once a minute per key). All methods required.
 */
export interface ApiKeyStore {
  /** Inserts a key; rejects a second key with the same id or hash. */
  create(record: ApiKeyRecord): Promise<void>;
  /** Oldest first, without hashes. */
  list(): Promise<ApiKeySummary[]>;
  /** The key whose hash this is; null when none (never created, or revoked). */
  findByHash(hash: string): Promise<ApiKeyRecord | null>;
  /** Sets `lastUsedAt`; nothing happens when the key is gone. */
  touch(id: string, at: string): Promise<void>;
  /** Revokes (deletes) a key; false when it did not exist. */
  delete(id: string): Promise<boolean>;
}
