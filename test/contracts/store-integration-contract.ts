import { expect, it } from 'vitest';
import type { IntegrationRecord } from '../../server/store/ports/integration-store.ts';
import type { StoreContext } from './store-context.ts';
import { at } from './store-fixtures.ts';

const integration = (overrides: Partial<IntegrationRecord> = {}): IntegrationRecord => ({
  id: 'int_1',
  name: 'CRM',
  type: 'basic',
  endpointPrefix: 'https://crm.example.test/v1',
  settings: { username: 'hookflow', test: { method: 'GET', path: '/me' } },
  sealedSecrets: 'v1.sealed.payload',
  createdAt: at(0),
  updatedAt: at(0),
  ...overrides,
});

/** `IntegrationStore` and `SettingsStore`: small keyed records. */
export function storeIntegrationContract(context: StoreContext): void {
  it('stores an integration and replaces it on the next put, keeping its createdAt', async () => {
    const { integrations } = context.store;
    await integrations.put(integration());
    expect(await integrations.get('int_1')).toEqual(integration());
    const changed = integration({
      name: 'CRM (prod)',
      type: 'bearer',
      settings: {},
      sealedSecrets: 'v1.other',
      createdAt: at(50),
      updatedAt: at(60),
    });
    await integrations.put(changed);
    expect(await integrations.get('int_1')).toEqual({ ...changed, createdAt: at(0) });
    expect(await integrations.get('int_missing')).toBeNull();
  });

  it('lists integrations by name, then id', async () => {
    const { integrations } = context.store;
    await integrations.put(integration({ id: 'int_c', name: 'Beta' }));
    await integrations.put(integration({ id: 'int_b', name: 'Alpha' }));
    await integrations.put(integration({ id: 'int_a', name: 'Beta' }));
    expect((await integrations.list()).map((found) => found.id)).toEqual(['int_b', 'int_a', 'int_c']);
    expect((await integrations.list())[0]).toEqual(integration({ id: 'int_b', name: 'Alpha' }));
  });

  it('deletes an integration and says whether it existed', async () => {
    const { integrations } = context.store;
    await integrations.put(integration());
    expect(await integrations.delete('int_1')).toBe(true);
    expect(await integrations.get('int_1')).toBeNull();
    expect(await integrations.delete('int_1')).toBe(false);
  });

  it('reads back the last value put under a settings key, or null', async () => {
    const { settings } = context.store;
    expect(await settings.get('master-key-check')).toBeNull();
    await settings.put('master-key-check', 'first');
    await settings.put('master-key-check', 'second');
    await settings.put('other', '');
    expect(await settings.get('master-key-check')).toBe('second');
    expect(await settings.get('other')).toBe('');
  });
}
