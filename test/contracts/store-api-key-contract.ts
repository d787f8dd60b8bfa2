import { expect, it } from 'vitest';
import type { ApiKeyRecord } from '../../server/store/ports/api-key-store.ts';
import type { StoreContext } from './store-context.ts';
import { at } from './store-fixtures.ts';

const key = (overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  id: 'key_1',
  name: 'CRM sync',
  scope: 'ingest',
  hint: 'hk_ab12…',
  hash: 'a'.repeat(64),
  createdAt: at(0),
  lastUsedAt: null,
  ...overrides,
});

/** `ApiKeyStore`: hashes stored and found, never listed; touch and revoke. */
export function storeApiKeyContract(context: StoreContext): void {
  it('finds a key by its hash and lists keys oldest first without hashes', async () => {
    const { apiKeys } = context.store;
    await apiKeys.create(key({ id: 'key_2', name: 'Second', createdAt: at(2), hash: 'b'.repeat(64) }));
    await apiKeys.create(key());
    expect(await apiKeys.findByHash('a'.repeat(64))).toEqual(key());
    expect(await apiKeys.findByHash('c'.repeat(64))).toBeNull();
    const { hash: _hash, ...first } = key();
    expect(await apiKeys.list()).toEqual([
      first,
      { ...first, id: 'key_2', name: 'Second', createdAt: at(2) },
    ]);
  });

  it('refuses a second key with the same hash', async () => {
    await context.store.apiKeys.create(key());
    await expect(context.store.apiKeys.create(key({ id: 'key_2' }))).rejects.toThrow();
    expect(await context.store.apiKeys.list()).toHaveLength(1);
  });

  it('records when a key was last used', async () => {
    const { apiKeys } = context.store;
    await apiKeys.create(key());
    await apiKeys.touch('key_1', at(30));
    await apiKeys.touch('key_missing', at(30));
    expect((await apiKeys.findByHash('a'.repeat(64)))?.lastUsedAt).toBe(at(30));
  });

  it('revokes a key so its hash is no longer found', async () => {
    const { apiKeys } = context.store;
    await apiKeys.create(key());
    expect(await apiKeys.delete('key_1')).toBe(true);
    expect(await apiKeys.findByHash('a'.repeat(64))).toBeNull();
    expect(await apiKeys.list()).toEqual([]);
    expect(await apiKeys.delete('key_1')).toBe(false);
  });
}
