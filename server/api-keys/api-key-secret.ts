import { createHash, randomBytes } from 'node:crypto';

/** Every named key starts with this, so a leaked one is recognisable (e.g. by secret scanners). */
export const API_KEY_PREFIX = 'hk_';

/** 32 random bytes (256 bits), base64url: `hk_` + 43 characters. */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * Hex SHA-256 of a key. A plain hash is enough (no salt, no slow KDF): the keys are 256 random
 * bits, so nothing can be guessed from the hash, and lookups stay one indexed read per request.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What lists show instead of the key: the prefix and four characters, e.g. `hk_ab12…`. */
export function apiKeyHint(key: string): string {
  return `${key.slice(0, API_KEY_PREFIX.length + 4)}…`;
}
