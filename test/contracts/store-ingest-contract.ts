import { expect, it } from 'vitest';
import type { StoreContext } from './store-context.ts';
import { at, change, delivery, event, run, step } from './store-fixtures.ts';

const noConflicts = { duplicateEvents: [], conflicts: [] };

/** `Store.commit` for what ingestion writes (customer merges, events) and `EventStore`. */
export function storeIngestContract(context: StoreContext): void {
  it('merges customer attributes shallowly and creates customers that do not exist', async () => {
    const { store } = context;
    await store.customers.put(
      'cus_1',
      { plan: 'free', address: { city: 'Lyon', zip: '69001' }, score: 3 },
      at(1),
    );
    const result = await store.commit({
      customers: [
        { id: 'cus_1', attributes: { plan: 'pro', address: { city: 'Paris' } } },
        { id: 'cus_2', attributes: { plan: 'trial', tags: ['x'] } },
      ],
      now: at(2),
    });
    expect(result).toEqual(noConflicts);
    expect(await store.customers.get('cus_1')).toEqual({
      id: 'cus_1',
      attributes: { plan: 'pro', address: { city: 'Paris' }, score: 3 },
      createdAt: at(1),
      updatedAt: at(2),
    });
    expect(await store.customers.get('cus_2')).toEqual({
      id: 'cus_2',
      attributes: { plan: 'trial', tags: ['x'] },
      createdAt: at(2),
      updatedAt: at(2),
    });
  });

  it('keeps an attribute merged as null (unlike the merge mode of upsert, which removes it)', async () => {
    const { store } = context;
    await store.customers.put('cus_1', { plan: 'free', score: 3 }, at(1));
    const merges = [
      { id: 'cus_1', attributes: { plan: null } },
      { id: 'cus_2', attributes: { plan: null, score: 1 } },
    ];
    await store.commit({ customers: merges, now: at(2) });
    expect((await store.customers.get('cus_1'))?.attributes).toEqual({ plan: null, score: 3 });
    expect((await store.customers.get('cus_2'))?.attributes).toEqual({ plan: null, score: 1 });
  });

  it('creates a customer from an empty merge and leaves an existing one untouched', async () => {
    const { store } = context;
    const existing = await store.customers.put('cus_1', { plan: 'free' }, at(1));
    const empty = [
      { id: 'cus_1', attributes: {} },
      { id: 'cus_2', attributes: {} },
    ];
    await store.commit({ customers: empty, now: at(2) });
    // Every event merges its customer with {}: that must not rewrite the row.
    expect(await store.customers.get('cus_1')).toEqual(existing);
    expect(await store.customers.get('cus_2')).toEqual({
      id: 'cus_2',
      attributes: {},
      createdAt: at(2),
      updatedAt: at(2),
    });
  });

  it('stores events once and reports the ids that were already stored', async () => {
    const { store } = context;
    const first = event();
    expect(await store.commit({ events: [first], now: at(1) })).toEqual(noConflicts);
    expect(await store.events.get(first.id)).toEqual(first);
    const second = event({ id: 'evt_2', properties: {} });
    const result = await store.commit({ events: [event({ type: 'changed' }), second], now: at(2) });
    expect(result).toEqual({ duplicateEvents: ['evt_1'], conflicts: [] });
    expect(await store.events.get(first.id)).toEqual(first);
    expect(await store.events.get(second.id)).toEqual(second);
    expect(await store.events.get('evt_missing')).toBeNull();
    expect(await store.events.existing(['evt_2', 'evt_missing', 'evt_1'])).toEqual(
      new Set(['evt_1', 'evt_2']),
    );
    expect(await store.events.existing([])).toEqual(new Set());
  });

  it("merges an event's attributes only when the commit stores that event, not for a duplicate", async () => {
    const { store } = context;
    await store.commit({ events: [event({ id: 'evt_1' })], now: at(1) });
    const result = await store.commit({
      customers: [
        { id: 'cus_1', attributes: { plan: 'stale' }, eventId: 'evt_1', source: 'event' },
        { id: 'cus_1', attributes: { score: 9 }, eventId: 'evt_2', source: 'event' },
        { id: 'cus_2', attributes: { plan: 'pro' }, source: 'import' },
      ],
      events: [event({ id: 'evt_1' }), event({ id: 'evt_2' })],
      now: at(2),
    });
    expect(result).toEqual({ duplicateEvents: ['evt_1'], conflicts: [] });
    expect((await store.customers.get('cus_1'))?.attributes).toEqual({ score: 9 });
    expect((await store.customers.get('cus_2'))?.attributes).toEqual({ plan: 'pro' });
  });

  it('creates no run, step or delivery started from a duplicate event, but starts the others', async () => {
    const { store } = context;
    await store.commit({ events: [event()], now: at(1) });
    const late = run({ id: 'run_late', eventId: 'evt_1' });
    const fresh = run({ id: 'run_fresh', eventId: 'evt_2' });
    const result = await store.commit({
      events: [event(), event({ id: 'evt_2' })],
      runs: [
        change(late, {
          steps: [step(late.id, 0)],
          deliveries: [delivery({ id: 'dlv_late', runId: late.id })],
        }),
        change(fresh, {
          steps: [step(fresh.id, 0)],
          deliveries: [delivery({ id: 'dlv_fresh', runId: fresh.id })],
        }),
      ],
      now: at(2),
    });
    expect(result).toEqual({ duplicateEvents: ['evt_1'], conflicts: [] });
    expect(await store.runs.get(late.id)).toBeNull();
    expect(await store.runs.steps(late.id)).toEqual([]);
    expect(await store.deliveries.get('dlv_late')).toBeNull();
    expect(await store.runs.get(fresh.id)).toEqual(fresh);
    expect(await store.deliveries.get('dlv_fresh')).toEqual(delivery({ id: 'dlv_fresh', runId: fresh.id }));
  });
}
