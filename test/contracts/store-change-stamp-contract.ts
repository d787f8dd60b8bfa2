import { expect, it } from 'vitest';
import type { ChangeTopic } from '../../server/store/ports/change-stamp-store.ts';
import type { Store } from '../../server/store/ports/store.ts';
import type { StoreContext } from './store-context.ts';
import { SubscriptionInputSchema } from '../../engine/subscriptions/index.ts';
import { HEALTHY } from '../../server/store/ports/subscription-store.ts';
import { at, definition, scenario } from './store-fixtures.ts';
import { subscriptionRecord, testDelivery } from './store-subscription-contract.ts';

const frozen = { definition: definition('a'), now: at(10), author: 'admin key' };

/** Resolves once `store` (another process's view) sees `topic`'s stamp move past `from`. */
async function moved(store: Store, topic: ChangeTopic, from: number): Promise<number> {
  // Change streams report asynchronously; SQLite's triggers have moved the stamp already.
  const deadline = Date.now() + 5000;
  for (;;) {
    const stamp = (await store.changes.read())[topic];
    if (stamp !== from) return stamp;
    if (Date.now() > deadline) throw new Error(`${topic} stamp stayed at ${from}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `ChangeStampStore`: what moves each topic, seen from another store on the same database. */
export function storeChangeStampContract(context: StoreContext): void {
  it('moves the catalog stamp on creation, activation, deactivation and deletion, seen by another process', async () => {
    const other = await context.twin();
    const { scenarios } = context.store;
    let stamp = (await other.changes.read()).catalog;
    await scenarios.create(scenario());
    stamp = await moved(other, 'catalog', stamp);
    await scenarios.activate('scn_1', frozen);
    stamp = await moved(other, 'catalog', stamp);
    await scenarios.setStatus('scn_1', { status: 'stopped', now: at(20) });
    stamp = await moved(other, 'catalog', stamp);
    await scenarios.delete('scn_1');
    await moved(other, 'catalog', stamp);
  });

  it('moves the integration stamp on every put and delete', async () => {
    const other = await context.twin();
    const { integrations } = context.store;
    const record = {
      id: 'int_1',
      name: 'CRM',
      type: 'bearer' as const,
      endpointPrefix: 'https://crm.example.test',
      settings: {},
      sealedSecrets: 'v1.x',
      createdAt: at(0),
      updatedAt: at(0),
    };
    const stamp = (await other.changes.read()).integrations;
    await integrations.put(record);
    const afterPut = await moved(other, 'integrations', stamp);
    await integrations.put({ ...record, name: 'CRM (prod)' });
    const afterUpdate = await moved(other, 'integrations', afterPut);
    await integrations.delete('int_1');
    await moved(other, 'integrations', afterUpdate);
  });

  it('leaves the catalog stamp alone when only a draft is edited', async () => {
    const { scenarios, changes } = context.store;
    await scenarios.create(scenario());
    const before = (await changes.read()).catalog;
    await scenarios.update('scn_1', { name: 'Renamed', definition: definition('b') }, at(5));
    expect((await changes.read()).catalog).toBe(before);
  });

  it('moves the subscriptions stamp when one is created, saved, disabled by failures or deleted', async () => {
    const other = await context.twin();
    const { subscriptions, notices } = context.store;
    let stamp = (await other.changes.read()).subscriptions;
    await subscriptions.create(subscriptionRecord({ health: { ...HEALTHY, consecutiveFailures: 9 } }));
    stamp = await moved(other, 'subscriptions', stamp);
    const disabling = { success: false, error: 'HTTP 500', gaveUp: false, disableAfter: 10, now: at(3) };
    await notices.recordTest(testDelivery(), disabling);
    expect((await subscriptions.get('sub_1'))?.health.disabledAt).toBe(at(3));
    stamp = await moved(other, 'subscriptions', stamp);
    await subscriptions.update(
      'sub_1',
      SubscriptionInputSchema.parse({ name: 'x', url: 'https://x.test' }),
      at(4),
    );
    stamp = await moved(other, 'subscriptions', stamp);
    await subscriptions.delete('sub_1');
    await moved(other, 'subscriptions', stamp);
  });
}
