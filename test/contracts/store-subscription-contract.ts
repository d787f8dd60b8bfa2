import { expect, it } from 'vitest';
import { SubscriptionInputSchema } from '../../engine/subscriptions/index.ts';
import type { SubscriptionDeliveryRecord } from '../../server/store/ports/notice-store.ts';
import { HEALTHY, type SubscriptionRecord } from '../../server/store/ports/subscription-store.ts';
import type { StoreContext } from './store-context.ts';
import { at, ms } from './store-fixtures.ts';

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

/** A closed delivery of `sub_1`, as "Send test event" records it. */
export const testDelivery = (
  overrides: Partial<SubscriptionDeliveryRecord> = {},
): SubscriptionDeliveryRecord => ({
  id: 'msg_test',
  subscriptionId: 'sub_1',
  noticeId: 'test',
  eventType: 'run.completed',
  customerId: null,
  request: {
    method: 'POST',
    url: 'https://crm.example.test/hookflow',
    headers: { 'content-type': 'application/json' },
    body: '{"event":"run.completed"}',
  },
  status: 'done',
  attempts: [],
  attemptCount: 0,
  availableAt: ms(0),
  leaseUntil: null,
  test: true,
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

  it('a good test send clears failures and an automatic disable', async () => {
    const { subscriptions, notices } = context.store;
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
    const good = { success: true, error: null, gaveUp: false, disableAfter: 10, reenable: true, now: at(7) };
    await notices.recordTest(testDelivery(), good);
    const found = await subscriptions.get('sub_1');
    expect(found?.health).toEqual({ ...HEALTHY, lastError: 'x', lastSuccessAt: at(7) });
    expect(found?.lastAlertAt).toBeNull();
  });

  it('gives one turn to send a failing alert per interval, only while failing', async () => {
    const { subscriptions } = context.store;
    await subscriptions.create(subscriptionRecord());
    expect(await subscriptions.claimAlert('sub_1', { now: 1000, intervalMs: 500 })).toBe(false);
    await subscriptions.create(
      subscriptionRecord({
        id: 'sub_2',
        health: { ...HEALTHY, failingSince: at(1), consecutiveFailures: 1 },
      }),
    );
    const other = (await context.twin()).subscriptions;
    expect(await subscriptions.claimAlert('sub_2', { now: 1000, intervalMs: 500 })).toBe(true);
    expect(await other.claimAlert('sub_2', { now: 1000, intervalMs: 500 })).toBe(false);
    expect(await other.claimAlert('sub_2', { now: 1499, intervalMs: 500 })).toBe(false);
    expect(await other.claimAlert('sub_2', { now: 1500, intervalMs: 500 })).toBe(true);
    expect((await subscriptions.get('sub_2'))?.lastAlertAt).toBe(1500);
  });

  it('deletes a subscription and says whether it existed', async () => {
    const { subscriptions } = context.store;
    await subscriptions.create(subscriptionRecord());
    expect(await subscriptions.delete('sub_1')).toBe(true);
    expect(await subscriptions.get('sub_1')).toBeNull();
    expect(await subscriptions.delete('sub_1')).toBe(false);
  });
}
