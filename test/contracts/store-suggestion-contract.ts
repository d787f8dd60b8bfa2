import { expect, it } from 'vitest';
import type { StoreContext } from './store-context.ts';
import { at, event } from './store-fixtures.ts';

/** What the editor's field suggestions read: recent event types, property and attribute names. */
export function storeSuggestionContract(context: StoreContext): void {
  const received = (id: string, type: string, seconds: number, properties: Record<string, unknown> = {}) =>
    event({ id, type, properties, receivedAt: at(seconds), timestamp: at(seconds), customerId: 'cus_1' });

  it('lists the event types received since a time, latest first, counted up to a cap', async () => {
    const { store } = context;
    await store.commit({
      events: [
        received('e1', 'signup', 1),
        received('e2', 'purchase', 20),
        received('e3', 'purchase', 30),
        received('e4', 'purchase', 40),
        received('e5', 'refund', 50),
        received('e6', 'old', 5),
        received('e7', 'signup', 10),
      ],
      now: at(60),
    });
    const types = await store.events.recentTypes({ since: at(8), limit: 10, countCap: 2, scanTypes: 100 });
    expect(types).toEqual([
      { type: 'refund', lastSeen: at(50), count: 1 },
      // Three since the time, counted up to the cap of 2.
      { type: 'purchase', lastSeen: at(40), count: 2 },
      // Only e7 is recent: e1 is before `since`; 'old' has nothing recent and is left out.
      { type: 'signup', lastSeen: at(10), count: 1 },
    ]);
    expect(await store.events.recentTypes({ since: at(8), limit: 1, countCap: 9, scanTypes: 100 })).toEqual([
      { type: 'refund', lastSeen: at(50), count: 1 },
    ]);
    // Types are walked in name order: with 2 scanned, 'purchase' and 'old' only.
    expect(await store.events.recentTypes({ since: at(0), limit: 10, countCap: 9, scanTypes: 2 })).toEqual([
      { type: 'purchase', lastSeen: at(40), count: 3 },
      { type: 'old', lastSeen: at(5), count: 1 },
    ]);
  });

  it("names the properties of a type's latest events, most common first, from the sample asked", async () => {
    const { store } = context;
    await store.commit({
      events: [
        received('p1', 'purchase', 1, { legacy: true, amount: 1 }),
        received('p2', 'purchase', 2, { amount: 5, currency: 'EUR', 'weird key': 1 }),
        received('p3', 'purchase', 3, { amount: 7, currency: 'EUR', items: [{ sku: 'a' }] }),
        received('s1', 'signup', 4, { plan: 'pro' }),
      ],
      now: at(5),
    });
    expect(await store.events.propertyNames({ type: 'purchase', sample: 2, limit: 10 })).toEqual([
      { name: 'amount', count: 2 },
      { name: 'currency', count: 2 },
      { name: 'items', count: 1 },
      { name: 'weird key', count: 1 },
    ]);
    expect(await store.events.propertyNames({ type: 'purchase', sample: 10, limit: 2 })).toEqual([
      { name: 'amount', count: 3 },
      { name: 'currency', count: 2 },
    ]);
    expect(await store.events.propertyNames({ type: 'nothing', sample: 10, limit: 10 })).toEqual([]);
  });

  it('names the attributes of the latest updated customers, most common first', async () => {
    const { customers } = context.store;
    await customers.put('cus_a', { plan: 'free', legacy: 1 }, at(1));
    await customers.put('cus_b', { plan: 'pro', email: 'b@example.com' }, at(2));
    await customers.put('cus_c', { plan: 'pro', email: 'c@example.com', address: { city: 'Lyon' } }, at(3));
    expect(await customers.attributeNames({ sample: 2, limit: 10 })).toEqual([
      { name: 'email', count: 2 },
      { name: 'plan', count: 2 },
      { name: 'address', count: 1 },
    ]);
    // An update makes a customer recent again.
    await customers.put('cus_a', { plan: 'free', legacy: 2 }, at(4));
    expect(await customers.attributeNames({ sample: 1, limit: 10 })).toEqual([
      { name: 'legacy', count: 1 },
      { name: 'plan', count: 1 },
    ]);
    expect(await customers.attributeNames({ sample: 3, limit: 1 })).toEqual([{ name: 'plan', count: 3 }]);
  });
}
