import { expect, it } from 'vitest';
import type { BatchItemRecord } from '../../server/store/ports/batch-item-store.ts';
import type { StoreContext } from './store-context.ts';
import { at, beat, change, delivery, ms, run } from './store-fixtures.ts';

/** The process whose batcher reads the items below. */
const OWNER = 'proc_a';

const item = (overrides: Partial<BatchItemRecord> = {}): BatchItemRecord => ({
  id: 'bit_1',
  scenarioId: 'scn_1',
  version: 1,
  nodeId: 'bulk',
  runId: 'run_1',
  visit: 3,
  customer: '{"id":"c1"}',
  createdAt: ms(1),
  owner: OWNER,
  ...overrides,
});

const node = { scenarioId: 'scn_1', version: 1, nodeId: 'bulk' };

/** `BatchItemStore` and the commit entries that fill and empty it. */
export function storeBatchItemContract(context: StoreContext): void {
  it('queues items with their run step and lists them per node, oldest first', async () => {
    const { store } = context;
    const items = [
      item({ id: 'bit_2', runId: 'run_2', createdAt: ms(2) }),
      item({ id: 'bit_1', runId: 'run_1', createdAt: ms(1) }),
      item({ id: 'bit_3', runId: 'run_3', nodeId: 'other', createdAt: ms(5) }),
    ];
    await store.commit({
      runs: items.map((entry) => change(run({ id: entry.runId }), { batchItems: [entry] })),
      now: at(0),
    });
    expect(await store.batchItems.oldest(node, 10, OWNER)).toEqual([items[1], items[0]]);
    expect(await store.batchItems.oldest(node, 1, OWNER)).toEqual([items[1]]);
    const groups = await store.batchItems.groups(OWNER);
    expect(groups.sort((a, b) => a.nodeId.localeCompare(b.nodeId))).toEqual([
      { ...node, count: 2, oldestAt: ms(1) },
      { ...node, nodeId: 'other', count: 1, oldestAt: ms(5) },
    ]);
  });

  it('does not queue the items of a run change skipped for a conflict', async () => {
    const { store } = context;
    await store.commit({ runs: [change(run())], now: at(0) });
    const stale = change(run({ rev: 2 }), { expectedRev: 7, batchItems: [item()] });
    const result = await store.commit({ runs: [stale], now: at(1) });
    expect(result.conflicts).toEqual(['run_1']);
    expect(await store.batchItems.groups(OWNER)).toEqual([]);
  });

  it('forms a batch: inserts its delivery and removes its items in one step', async () => {
    const { store } = context;
    await store.commit({
      runs: [change(run(), { batchItems: [item(), item({ id: 'bit_2' })] })],
      now: at(0),
    });
    const batch = delivery({ id: 'dlv_b', batchRuns: [{ runId: 'run_1', visit: 3 }] });
    const result = await store.commit({ batches: [{ delivery: batch, itemIds: ['bit_1'] }], now: at(1) });
    expect(result.staleBatches ?? []).toEqual([]);
    expect(await store.deliveries.get('dlv_b')).toEqual(batch);
    expect((await store.batchItems.oldest(node, 10, OWNER)).map((entry) => entry.id)).toEqual(['bit_2']);
  });

  it('skips a batch whose items were taken already, inserting nothing', async () => {
    const { store } = context;
    await store.commit({
      runs: [change(run(), { batchItems: [item(), item({ id: 'bit_2' })] })],
      now: at(0),
    });
    await store.commit({
      batches: [{ delivery: delivery({ id: 'dlv_a' }), itemIds: ['bit_1'] }],
      now: at(1),
    });
    const result = await store.commit({
      batches: [{ delivery: delivery({ id: 'dlv_b' }), itemIds: ['bit_1', 'bit_2'] }],
      now: at(2),
    });
    expect(result.staleBatches).toEqual(['dlv_b']);
    expect(await store.deliveries.get('dlv_b')).toBeNull();
    expect((await store.batchItems.oldest(node, 10, OWNER)).map((entry) => entry.id)).toEqual(['bit_2']);
  });

  it('drops items whose batch could not be rendered', async () => {
    const { store } = context;
    await store.commit({
      runs: [change(run(), { batchItems: [item(), item({ id: 'bit_2' })] })],
      now: at(0),
    });
    await store.commit({ dropBatchItems: ['bit_1', 'bit_2'], now: at(1) });
    expect(await store.batchItems.groups(OWNER)).toEqual([]);
  });

  it("lists only the owner's items, and takes over those of dead or stopped owners, never a live one's", async () => {
    const { store } = context;
    const items = [
      item({ id: 'bit_1', runId: 'run_1', owner: 'proc_dead' }),
      item({ id: 'bit_2', runId: 'run_2', owner: 'proc_live' }),
      item({ id: 'bit_3', runId: 'run_3', owner: null, createdAt: ms(3) }),
      item({ id: 'bit_4', runId: 'run_4', owner: 'proc_gone' }),
      item({ id: 'bit_5', runId: 'run_5', owner: OWNER, createdAt: ms(0) }),
    ];
    await store.commit({
      runs: items.map((entry) => change(run({ id: entry.runId }), { batchItems: [entry] })),
      now: at(0),
    });
    await beat(store, 'proc_dead', ms(1));
    await beat(store, 'proc_live', ms(9));
    await beat(store, OWNER, ms(10));
    expect((await store.batchItems.oldest(node, 10, OWNER)).map((entry) => entry.id)).toEqual(['bit_5']);
    // Heartbeats after ms(5) count as alive; proc_gone has no row (removed or pruned).
    expect(await store.batchItems.takeOver({ owner: OWNER, liveSince: ms(5) })).toBe(3);
    expect((await store.batchItems.oldest(node, 10, OWNER)).map((entry) => entry.id)).toEqual([
      'bit_1',
      'bit_3',
      'bit_4',
      'bit_5',
    ]);
    expect(await store.batchItems.groups(OWNER)).toEqual([{ ...node, count: 4, oldestAt: ms(0) }]);
    expect(await store.batchItems.groups('proc_live')).toEqual([{ ...node, count: 1, oldestAt: ms(1) }]);
    // Everyone's, for the metrics.
    expect(await store.batchItems.groups()).toEqual([{ ...node, count: 5, oldestAt: ms(0) }]);
    expect(await store.batchItems.takeOver({ owner: OWNER, liveSince: ms(5) })).toBe(0);
  });

  it('hands back what a stopping owner holds, for the next process to take', async () => {
    const { store } = context;
    await store.commit({
      runs: [change(run(), { batchItems: [item(), item({ id: 'bit_2', owner: 'proc_other' })] })],
      now: at(0),
    });
    await beat(store, 'proc_other', ms(10));
    await beat(store, 'proc_next', ms(10));
    expect(await store.batchItems.release(OWNER)).toBe(1);
    expect(await store.batchItems.groups(OWNER)).toEqual([]);
    expect(await store.batchItems.takeOver({ owner: 'proc_next', liveSince: ms(5) })).toBe(1);
    expect((await store.batchItems.oldest(node, 10, 'proc_next')).map((entry) => entry.id)).toEqual([
      'bit_1',
    ]);
  });
}
