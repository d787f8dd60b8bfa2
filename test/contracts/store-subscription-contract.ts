import { expect, it } from 'vitest';
import { SubscriptionInputSchema } from '../../engine/subscriptions/index.ts';
import { HEALTHY, type SubscriptionRecord } from '../../server/store/ports/subscription-store.ts';
import type { StoreContext } from './store-context.ts';
import { at } from './store-fixtures.ts';

export const subscriptionRecord = (overrides: Partial<SubscriptionRecord> = {}): SubscriptionRecord => ({
  id: 'sub_1',
  ...SubscriptionInputSchema.parse({
    name: 'CRM events',
    url: 'https://crm.example.test/hookflow',
    events: [
      { type: 'webhook.delivered', channels: ['sms', 'email'] },
      { type: 'customer.created', template: '{"who": {{ customer_id }}}' },
    ],
    settings: { externalMessageIdRequired: true, flushSeconds: 30, attributeKeys: ['email_opt_in'] },
  }),
  health: { ...HEALTHY },
  lastAlertAt: null,
  createdAt: at(0),
  updatedAt: at(0),
  ...overrides,
});

/** `SubscriptionStore`: definitions, the health the server keeps, and the stamp processes poll. */
export function storeSubscriptionContract(context: StoreContext): void {
  it('stores a subscription and reads it back whole, in name order', async () => {
    const { subscriptions } = context.store;
    await subscriptions.create(subscriptionRecord());
    await subscriptions.create(subscriptionRecord({ id: 'sub_0', name: 'Audit' }));
    expect(await subscriptions.get('sub_1')).toEqual(subscriptionRecord());
    expect((await subscriptions.list()).map((found) => found.id)).toEqual(['sub_0', 'sub_1']);
    expect(await subscriptions.get('sub_missing')).toBeNull();
  });

  it('saving again replaces the settings and clears failures and an automatic disable, keeping the rest', async () => {
    const { subscriptions } = context.store;
    const failing = {
      consecutiveFailures: 10,
      disabledAt: at(5),
      failingSince: at(4),
      lastError: 'HTTP 500',
      lastFailureAt: at(5),
      lastSuccessAt: at(1),
      skipped: 3,
    };
    await subscriptions.create(subscriptionRecord({ health: failing, lastAlertAt: 1234 }));
    const input = SubscriptionInputSchema.parse({ name: 'Renamed', url: 'https://other.example.test/' });
    const updated = await subscriptions.update('sub_1', input, at(9));
    expect(updated).toEqual({
      ...subscriptionRecord(),
      ...input,
      health: { ...failing, consecutiveFailures: 0, disabledAt: null, failingSince: null },
      lastAlertAt: null,
      updatedAt: at(9),
    });
    expect(await subscriptions.get('sub_1')).toEqual(updated);
    expect(await subscriptions.update('sub_missing', input, at(9))).toBeNull();
  });

  it('a good test send clears failures like a success', async () => {
    const { subscriptions } = context.store;
    await subscriptions.create(
      subscriptionRecord({
        health: {
          ...HEALTHY,
          consecutiveFailures: 12,
          disabledAt: at(3),
          failingSince: at(2),
          lastError: 'x',
        },
        lastAlertAt: 99,
      }),
    );
    await subscriptions.markHealthy('sub_1', at(7));
    const found = await subscriptions.get('sub_1');
    expect(found?.health).toEqual({
      ...HEALTHY,
      lastError: 'x',
      lastSuccessAt: at(7),
    });
    expect(found?.lastAlertAt).toBeNull();
  });

  it('deletes a subscription and says whether it existed', async () => {
    const { subscriptions } = context.store;
    await subscriptions.create(subscriptionRecord());
    expect(await subscriptions.delete('sub_1')).toBe(true);
    expect(await subscriptions.get('sub_1')).toBeNull();
    expect(await subscriptions.delete('sub_1')).toBe(false);
  });

  it('moves the stamp on every change, as another process on the same database sees it', async () => {
    const { subscriptions } = context.store;
    const other = (await context.twin()).subscriptions;
    const seen = [await other.stamp()];
    await subscriptions.create(subscriptionRecord());
    seen.push(await other.stamp());
    await subscriptions.update(
      'sub_1',
      SubscriptionInputSchema.parse({ name: 'x', url: 'https://x.test' }),
      at(1),
    );
    seen.push(await other.stamp());
    await subscriptions.markHealthy('sub_1', at(2));
    seen.push(await other.stamp());
    await subscriptions.delete('sub_1');
    seen.push(await other.stamp());
    expect(new Set(seen).size).toBe(seen.length);
    expect(await other.stamp()).toBe(await subscriptions.stamp());
    await subscriptions.delete('sub_1');
    expect(await subscriptions.stamp()).toBe(seen.at(-1));
  });
}
