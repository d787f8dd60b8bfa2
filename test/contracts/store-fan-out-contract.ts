import { expect, it } from 'vitest';
import type { FanOutState } from '../../server/store/ports/fan-out-store.ts';
import type { StoreContext } from './store-context.ts';
import { at, beat, change, ms, run } from './store-fixtures.ts';

const fanOut = (overrides: Partial<FanOutState> = {}): FanOutState => ({
  id: 'fan_1',
  scenarioId: 'scn_1',
  version: 2,
  triggerNodeId: 'when',
  source: 'schedule',
  target: {
    kind: 'audience',
    filter: { rules: [{ field: 'customer.plan', criteria: 'equals', value: 'pro', join: 'and' }] },
  },
  setAttributes: null,
  status: 'running',
  cursor: null,
  started: 0,
  audience: null,
  error: null,
  createdAt: at(0),
  updatedAt: at(0),
  finishedAt: null,
  owner: 'proc_a',
  ...overrides,
});

/** `FanOutStore`: durable fan-outs, their progress and their end. */
export function storeFanOutContract(context: StoreContext): void {
  it('saves a fan-out and reads it back as saved, target and attributes included', async () => {
    const { fanOuts } = context.store;
    const byIds = fanOut({
      id: 'fan_2',
      source: 'hook',
      target: { kind: 'customers', ids: ['a', 'b'] },
      audience: 2,
      setAttributes: { $color: 'magenta', 'dotted.key': null, nested: { deep: [1, 'x'] } },
    });
    await fanOuts.create(fanOut());
    await fanOuts.create(byIds);
    expect(await fanOuts.get('fan_1')).toEqual(fanOut());
    expect(await fanOuts.get('fan_2')).toEqual(byIds);
    expect(await fanOuts.get('fan_missing')).toBeNull();
  });

  it("gives the newest fan-out of one trigger node, and records a fan-out's audience once counted", async () => {
    const { fanOuts } = context.store;
    expect(await fanOuts.latest('scn_1', 'when')).toBeNull();
    await fanOuts.create(fanOut({ id: 'fan_1' }));
    await fanOuts.create(fanOut({ id: 'fan_2', triggerNodeId: 'other' }));
    await fanOuts.create(fanOut({ id: 'fan_3' }));
    await fanOuts.create(fanOut({ id: 'fan_4', scenarioId: 'scn_2' }));
    expect((await fanOuts.latest('scn_1', 'when'))?.id).toBe('fan_3');
    expect((await fanOuts.latest('scn_1', 'other'))?.id).toBe('fan_2');
    await fanOuts.setAudience('fan_3', 1234);
    expect(await fanOuts.get('fan_3')).toEqual(fanOut({ id: 'fan_3', audience: 1234 }));
    expect((await fanOuts.get('fan_1'))?.audience).toBeNull();
  });

  it("lists one scenario's fan-outs newest first, up to the limit", async () => {
    const { fanOuts } = context.store;
    for (const id of ['fan_1', 'fan_3', 'fan_2']) await fanOuts.create(fanOut({ id }));
    await fanOuts.create(fanOut({ id: 'fan_9', scenarioId: 'scn_other' }));
    expect((await fanOuts.list('scn_1', 10)).map((state) => state.id)).toEqual(['fan_3', 'fan_2', 'fan_1']);
    expect((await fanOuts.list('scn_1', 2)).map((state) => state.id)).toEqual(['fan_3', 'fan_2']);
    expect(await fanOuts.list('scn_none', 10)).toEqual([]);
  });

  it('saves a page of runs and the progress it made in one commit', async () => {
    const { store } = context;
    await store.fanOuts.create(fanOut({ setAttributes: { color: 'magenta' } }));
    const page = { id: 'fan_1', after: null, cursor: 'cus_1', started: 1, updatedAt: at(1), owner: 'proc_a' };
    const result = await store.commit({
      customers: [{ id: 'cus_1', attributes: { color: 'magenta' } }],
      runs: [change(run({ id: 'run_1', customerId: 'cus_1' }), { expectedRev: null })],
      fanOutPage: page,
      now: at(1),
    });
    expect(result.staleFanOutPage ?? false).toBe(false);
    expect(await store.fanOuts.get('fan_1')).toMatchObject({ cursor: 'cus_1', started: 1, updatedAt: at(1) });
    expect(await store.runs.get('run_1')).not.toBeNull();
    expect((await store.customers.get('cus_1'))?.attributes).toEqual({ color: 'magenta' });
  });

  it('refuses a whole page saved from a cursor the fan-out has left, or once it ended', async () => {
    const { store } = context;
    await store.fanOuts.create(fanOut());
    const first = {
      id: 'fan_1',
      after: null,
      cursor: 'cus_1',
      started: 1,
      updatedAt: at(1),
      owner: 'proc_a',
    };
    await store.commit({
      runs: [change(run({ id: 'run_1' }), { expectedRev: null })],
      fanOutPage: first,
      now: at(1),
    });
    // The same page again (another process resuming the same fan-out): nothing of it is written.
    const again = await store.commit({
      customers: [{ id: 'cus_2', attributes: { seen: true } }],
      runs: [change(run({ id: 'run_2', customerId: 'cus_2' }), { expectedRev: null })],
      fanOutPage: { ...first, cursor: 'cus_2', started: 2 },
      now: at(2),
    });
    expect(again).toMatchObject({ duplicateEvents: [], conflicts: [], staleFanOutPage: true });
    expect(await store.runs.get('run_2')).toBeNull();
    expect(await store.customers.get('cus_2')).toBeNull();
    expect(await store.fanOuts.get('fan_1')).toMatchObject({ cursor: 'cus_1', started: 1 });

    await store.fanOuts.finish('fan_1', { status: 'failed', error: 'scenario deactivated', at: at(3) });
    const ended = await store.commit({
      runs: [change(run({ id: 'run_3' }), { expectedRev: null })],
      fanOutPage: {
        id: 'fan_1',
        after: 'cus_1',
        cursor: 'cus_3',
        started: 2,
        updatedAt: at(4),
        owner: 'proc_a',
      },
      now: at(4),
    });
    expect(ended.staleFanOutPage).toBe(true);
    expect(await store.runs.get('run_3')).toBeNull();
    const unknown = await store.commit({
      fanOutPage: {
        id: 'fan_missing',
        after: null,
        cursor: 'x',
        started: 1,
        updatedAt: at(4),
        owner: 'proc_a',
      },
      now: at(4),
    });
    expect(unknown.staleFanOutPage).toBe(true);
  });

  it('finishes a running fan-out once, as done or failed with its error', async () => {
    const { fanOuts } = context.store;
    await fanOuts.create(fanOut({ id: 'fan_1' }));
    await fanOuts.create(fanOut({ id: 'fan_2' }));
    expect(await fanOuts.finish('fan_1', { status: 'failed', error: 'scenario gone', at: at(5) })).toBe(true);
    expect(await fanOuts.finish('fan_1', { status: 'done', error: null, at: at(6) })).toBe(false);
    expect(await fanOuts.get('fan_1')).toEqual(
      fanOut({ status: 'failed', error: 'scenario gone', updatedAt: at(5), finishedAt: at(5) }),
    );
    expect(await fanOuts.finish('fan_missing', { status: 'done', error: null, at: at(6) })).toBe(false);
  });

  it('refuses a page saved by a process the fan-out was taken from', async () => {
    const { store } = context;
    await store.fanOuts.create(fanOut({ owner: 'proc_b' }));
    const page = { id: 'fan_1', after: null, cursor: 'cus_1', started: 1, updatedAt: at(1), owner: 'proc_a' };
    const refused = await store.commit({
      runs: [change(run({ id: 'run_1' }), { expectedRev: null })],
      fanOutPage: page,
      now: at(1),
    });
    expect(refused.staleFanOutPage).toBe(true);
    expect(await store.runs.get('run_1')).toBeNull();
    expect(await store.fanOuts.get('fan_1')).toMatchObject({ cursor: null, started: 0, owner: 'proc_b' });
  });

  it("takes over running fan-outs whose owner stopped beating or handed them back, never a live owner's", async () => {
    const { fanOuts } = context.store;
    await fanOuts.create(fanOut({ id: 'fan_4', scenarioId: 'scn_2', owner: 'proc_dead' }));
    await fanOuts.create(fanOut({ id: 'fan_1', owner: null }));
    await fanOuts.create(fanOut({ id: 'fan_2', owner: 'proc_live' }));
    await fanOuts.create(fanOut({ id: 'fan_3', owner: 'proc_dead', status: 'done', finishedAt: at(1) }));
    await fanOuts.create(fanOut({ id: 'fan_5', owner: 'proc_gone' }));
    await beat(context.store, 'proc_dead', ms(1));
    await beat(context.store, 'proc_live', ms(9));
    await beat(context.store, 'proc_me', ms(10));
    await beat(context.store, 'proc_twin', ms(10));
    // Heartbeats after ms(5) count as alive; proc_gone never beat (its row was removed).
    const takeover = { owner: 'proc_me', liveSince: ms(5) };
    const taken = await fanOuts.takeOver({ ...takeover, limit: 2 });
    expect(taken).toEqual([
      fanOut({ id: 'fan_1', owner: 'proc_me' }),
      fanOut({ id: 'fan_4', scenarioId: 'scn_2', owner: 'proc_me' }),
    ]);
    // Another process on the same database takes the rest, and nothing twice.
    const twin = await context.twin();
    expect(
      (await twin.fanOuts.takeOver({ ...takeover, owner: 'proc_twin', limit: 10 })).map((state) => state.id),
    ).toEqual(['fan_5']);
    expect(await fanOuts.takeOver({ ...takeover, limit: 10 })).toEqual([]);
    expect((await fanOuts.get('fan_2'))?.owner).toBe('proc_live');
    expect((await fanOuts.get('fan_3'))?.owner).toBe('proc_dead');
  });

  it('hands back the running fan-outs of a stopping owner, and only those', async () => {
    const { fanOuts } = context.store;
    await fanOuts.create(fanOut({ id: 'fan_1' }));
    await fanOuts.create(fanOut({ id: 'fan_2' }));
    await fanOuts.create(fanOut({ id: 'fan_3', owner: 'proc_other' }));
    await fanOuts.create(fanOut({ id: 'fan_4', status: 'done', finishedAt: at(1) }));
    await beat(context.store, 'proc_other', ms(10));
    expect(await fanOuts.release('proc_a')).toBe(2);
    expect((await fanOuts.get('fan_1'))?.owner).toBeNull();
    expect((await fanOuts.get('fan_2'))?.owner).toBeNull();
    expect((await fanOuts.get('fan_3'))?.owner).toBe('proc_other');
    expect((await fanOuts.get('fan_4'))?.owner).toBe('proc_a');
    // The live process next to it takes them at once.
    await beat(context.store, 'proc_next', ms(10));
    const taken = await fanOuts.takeOver({ owner: 'proc_next', liveSince: ms(5), limit: 10 });
    expect(taken.map((state) => state.id)).toEqual(['fan_1', 'fan_2']);
  });
}
