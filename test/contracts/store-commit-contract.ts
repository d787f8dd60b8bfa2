import { expect, it } from 'vitest';
import type { Store } from '../../server/store/ports/store.ts';
import type { StoreContext } from './store-context.ts';
import { advanced, at, change, delivery, event, ms, run, step } from './store-fixtures.ts';

const noConflicts = { duplicateEvents: [], conflicts: [] };

/** Saves a run with one step and one pending delivery, as event ingestion would. */
async function seedRun(store: Store, id = 'run_1') {
  const record = run({ id });
  const sent = delivery({ id: `dlv_${id}`, runId: id, status: 'sending', attempts: 1, leaseUntil: ms(60) });
  await store.commit({ runs: [change(record, { steps: [step(id, 0)], deliveries: [sent] })], now: at(0) });
  return { record, sent };
}

/** `Store.commit` for run changes: optimistic concurrency, skipped-whole changes, all or nothing. */
export function storeCommitContract(context: StoreContext): void {
  it('inserts a new run with its steps and deliveries', async () => {
    const { store } = context;
    const record = run({ wakeAt: ms(30), wakeVisit: 3, status: 'waiting', stepCount: 2 });
    const steps = [step(record.id, 0), step(record.id, 1, { kind: 'wait', detail: { until: at(30) } })];
    const outbox = [delivery(), delivery({ id: 'dlv_2', availableAt: ms(5), integrationId: 'int_1' })];
    const result = await store.commit({ runs: [change(record, { steps, deliveries: outbox })], now: at(0) });
    expect(result).toEqual(noConflicts);
    expect(await store.runs.get(record.id)).toEqual(record);
    expect(await store.runs.steps(record.id)).toEqual(steps);
    expect(await store.deliveries.get('dlv_1')).toEqual(outbox[0]);
    expect(await store.deliveries.get('dlv_2')).toEqual(outbox[1]);
    expect(await store.runs.get('run_missing')).toBeNull();
  });

  it('applies a commit flushed later like any other, seen by another process and by later commits', async () => {
    const { store } = context;
    const record = run();
    const outbox = [delivery()];
    const result = await store.commit({
      runs: [change(record, { steps: [step(record.id, 0)], deliveries: outbox })],
      flush: 'later',
      now: at(0),
    });
    expect(result).toEqual(noConflicts);
    const twin = await context.twin();
    expect(await twin.runs.get(record.id)).toEqual(record);
    expect(await twin.deliveries.get('dlv_1')).toEqual(outbox[0]);
    // The next commit, flushed, is applied at the store's own durability.
    await store.commit({ customers: [{ id: 'c_after', attributes: { plan: 'pro' } }], now: at(1) });
    expect((await twin.customers.get('c_after'))?.attributes).toEqual({ plan: 'pro' });
  });

  it('reports inserting a run id that exists as a conflict and skips that change whole', async () => {
    const { store } = context;
    const { record } = await seedRun(store);
    const again = change(run({ status: 'completed' }), {
      steps: [step(record.id, 1)],
      deliveries: [delivery({ id: 'dlv_again' })],
    });
    expect(await store.commit({ runs: [again], now: at(1) })).toEqual({
      duplicateEvents: [],
      conflicts: ['run_1'],
    });
    expect(await store.runs.get(record.id)).toEqual(record);
    expect(await store.runs.steps(record.id)).toEqual([step(record.id, 0)]);
    expect(await store.deliveries.get('dlv_again')).toBeNull();
  });

  it('skips a change with a stale expectedRev whole and still applies the rest of the batch', async () => {
    const { store } = context;
    const a = await seedRun(store, 'run_a');
    const b = await seedRun(store, 'run_b');
    const stale = change(advanced(a.record, { status: 'completed' }), {
      expectedRev: a.record.rev - 1,
      steps: [step('run_a', 1)],
      deliveries: [delivery({ id: 'dlv_a2', runId: 'run_a' })],
      closeDelivery: { id: a.sent.id, status: 'done' },
    });
    const retrying = change(advanced(a.record), {
      expectedRev: a.record.rev - 1,
      retryDelivery: { id: a.sent.id, availableAt: ms(90) },
    });
    const current = change(advanced(b.record, { status: 'completed', nodeId: null }), {
      expectedRev: b.record.rev,
      steps: [step('run_b', 1, { kind: 'completed', nodeId: null })],
      closeDelivery: { id: b.sent.id, status: 'done' },
    });
    const result = await store.commit({ runs: [stale, retrying, current], now: at(2) });
    expect(result).toEqual({ duplicateEvents: [], conflicts: ['run_a', 'run_a'] });
    expect(await store.runs.get('run_a')).toEqual(a.record);
    expect(await store.runs.steps('run_a')).toEqual([step('run_a', 0)]);
    expect(await store.deliveries.get('dlv_a2')).toBeNull();
    expect(await store.deliveries.get(a.sent.id)).toEqual(a.sent);
    expect(await store.runs.get('run_b')).toEqual(current.run);
    expect(await store.runs.steps('run_b')).toEqual([step('run_b', 0), ...current.steps]);
    expect(await store.deliveries.get(b.sent.id)).toEqual({ ...b.sent, status: 'done', leaseUntil: null });
  });

  it('merges the attributes a run change sets into its customer, and only when the change applies', async () => {
    const { store } = context;
    await store.commit({ customers: [{ id: 'cus_1', attributes: { plan: 'free', age: 30 } }], now: at(0) });
    const { record } = await seedRun(store);
    const stale = change(advanced(record), {
      expectedRev: record.rev - 1,
      customerAttributes: { plan: 'lost' },
    });
    const applied = change(advanced(record), {
      expectedRev: record.rev,
      customerAttributes: { plan: 'pro', vip: true },
    });
    expect(await store.commit({ runs: [stale], now: at(1) })).toEqual({
      duplicateEvents: [],
      conflicts: ['run_1'],
    });
    expect((await store.customers.get('cus_1'))?.attributes).toEqual({ plan: 'free', age: 30 });
    expect(await store.commit({ runs: [applied], now: at(2) })).toEqual(noConflicts);
    expect(await store.customers.get('cus_1')).toMatchObject({
      attributes: { plan: 'pro', age: 30, vip: true },
      updatedAt: at(2),
    });
  });

  it('updates the state of a run and keeps the identity it was first saved with', async () => {
    const { store } = context;
    const { record } = await seedRun(store);
    const next = advanced(record, {
      status: 'waiting',
      nodeId: 'wait',
      wakeAt: ms(50),
      wakeVisit: 4,
      snapshot: { status: 'active', value: 'wait', context: { visit: 4 } } as never,
    });
    const rewritten = {
      ...next,
      scenarioId: 'scn_x',
      version: 9,
      customerId: 'cus_x',
      eventId: 'evt_x',
      createdAt: at(99),
    };
    expect(
      await store.commit({ runs: [change(rewritten, { expectedRev: record.rev })], now: at(3) }),
    ).toEqual(noConflicts);
    expect(await store.runs.get(record.id)).toEqual(next);
  });

  it('applies changes to one run in batch order, each checked against the revision saved before it', async () => {
    const { store } = context;
    const { record } = await seedRun(store);
    const second = advanced(record);
    const third = advanced(second, { status: 'completed', nodeId: null });
    const result = await store.commit({
      runs: [
        change(second, { expectedRev: record.rev, steps: [step(record.id, 1)] }),
        change(third, { expectedRev: second.rev, steps: [step(record.id, 2)] }),
        change(advanced(third), { expectedRev: second.rev, steps: [step(record.id, 3)] }),
      ],
      now: at(3),
    });
    expect(result).toEqual({ duplicateEvents: [], conflicts: ['run_1'] });
    expect(await store.runs.get(record.id)).toEqual(third);
    expect((await store.runs.steps(record.id)).map((saved) => saved.seq)).toEqual([0, 1, 2]);
  });

  it('closes the delivery a change answers and reschedules the one it retries', async () => {
    const { store } = context;
    const a = await seedRun(store, 'run_a');
    const b = await seedRun(store, 'run_b');
    const result = await store.commit({
      runs: [
        change(advanced(a.record), {
          expectedRev: a.record.rev,
          closeDelivery: { id: a.sent.id, status: 'failed' },
        }),
        change(advanced(b.record), {
          expectedRev: b.record.rev,
          retryDelivery: { id: b.sent.id, availableAt: ms(90) },
        }),
      ],
      now: at(3),
    });
    expect(result).toEqual(noConflicts);
    expect(await store.deliveries.get(a.sent.id)).toEqual({ ...a.sent, status: 'failed', leaseUntil: null });
    expect(await store.deliveries.get(b.sent.id)).toEqual({
      ...b.sent,
      status: 'pending',
      availableAt: ms(90),
      leaseUntil: null,
    });
  });

  it('closes the batch-level deliveries even when their run conflicts', async () => {
    const { store } = context;
    const { record, sent } = await seedRun(store);
    const result = await store.commit({
      runs: [change(advanced(record), { expectedRev: record.rev + 5 })],
      closeDeliveries: [{ id: sent.id, status: 'done' }],
      now: at(3),
    });
    expect(result).toEqual({ duplicateEvents: [], conflicts: ['run_1'] });
    expect(await store.deliveries.get(sent.id)).toEqual({ ...sent, status: 'done', leaseUntil: null });
  });

  it('lets exactly one of two stores saving from the same revision at once win', async () => {
    const { store } = context;
    const other = await context.twin();
    const { record } = await seedRun(store);
    const ours = change(advanced(record, { nodeId: 'ours' }), {
      expectedRev: record.rev,
      steps: [step(record.id, 1)],
    });
    const theirs = change(advanced(record, { nodeId: 'theirs' }), {
      expectedRev: record.rev,
      steps: [step(record.id, 1, { nodeId: 'theirs' })],
    });
    const results = await Promise.all([
      store.commit({ runs: [ours], now: at(3) }),
      other.commit({ runs: [theirs], now: at(3) }),
    ]);
    expect(results.flatMap((result) => result.conflicts)).toEqual(['run_1']);
    const winner = results[0]!.conflicts.length === 0 ? ours : theirs;
    expect(await other.runs.get(record.id)).toEqual(winner.run);
    expect(await store.runs.steps(record.id)).toEqual([step(record.id, 0), ...winner.steps]);
  });

  it('leaves nothing half-written when a batch fails', async () => {
    const { store } = context;
    await store.customers.put('cus_1', { plan: 'free' }, at(0));
    const { record, sent } = await seedRun(store);
    const fresh = run({ id: 'run_new', eventId: 'evt_new' });
    const failing = store.commit({
      customers: [
        { id: 'cus_1', attributes: { plan: 'pro' } },
        { id: 'cus_new', attributes: { a: 1 } },
      ],
      events: [event({ id: 'evt_new' })],
      runs: [
        change(advanced(record), {
          expectedRev: record.rev,
          steps: [step(record.id, 1)],
          closeDelivery: { id: sent.id, status: 'done' },
        }),
        // The same delivery id twice in one batch cannot be stored: the whole batch must fail.
        change(fresh, {
          steps: [step(fresh.id, 0)],
          deliveries: [delivery({ id: 'dlv_twice' }), delivery({ id: 'dlv_twice' })],
        }),
      ],
      closeDeliveries: [{ id: sent.id, status: 'failed' }],
      now: at(5),
    });
    await expect(failing).rejects.toThrow();
    expect(await store.customers.get('cus_1')).toMatchObject({
      attributes: { plan: 'free' },
      updatedAt: at(0),
    });
    expect(await store.customers.get('cus_new')).toBeNull();
    expect(await store.events.get('evt_new')).toBeNull();
    expect(await store.runs.get(record.id)).toEqual(record);
    expect(await store.runs.steps(record.id)).toEqual([step(record.id, 0)]);
    expect(await store.runs.get(fresh.id)).toBeNull();
    expect(await store.runs.steps(fresh.id)).toEqual([]);
    expect(await store.deliveries.get('dlv_twice')).toBeNull();
    expect(await store.deliveries.get(sent.id)).toEqual(sent);
    // The store is still usable afterwards.
    expect(await store.commit({ customers: [{ id: 'cus_new', attributes: {} }], now: at(6) })).toEqual(
      noConflicts,
    );
  });
}
