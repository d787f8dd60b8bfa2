import { expect, it } from 'vitest';
import type { DeliveryRecord } from '../../server/store/ports/delivery-store.ts';
import type { Store } from '../../server/store/ports/store.ts';
import { idFloor } from '../../server/ids.ts';
import type { StoreContext } from './store-context.ts';
import { at, beat, change, delivery, ms, run } from './store-fixtures.ts';

/** Adds deliveries to the outbox the only way the server does: with the run that produced them. */
async function enqueue(store: Store, deliveries: DeliveryRecord[], runId = 'run_1') {
  await store.commit({ runs: [change(run({ id: runId }), { deliveries })], now: at(0) });
}

/** The process the claims below are made for; its heartbeat is kept fresh where liveness matters. */
const OWNER = 'proc_a';

const leased = (
  record: DeliveryRecord,
  options: { now: number; leaseMs: number; attempts?: number; owner?: string },
) => ({
  ...record,
  status: 'sending',
  attempts: options.attempts ?? record.attempts + 1,
  leaseUntil: options.now + options.leaseMs,
  owner: options.owner ?? OWNER,
});

/** `DeliveryStore`: the webhook outbox, leased to workers. */
export function storeDeliveryContract(context: StoreContext): void {
  it('leases pending deliveries oldest available first, counting an attempt', async () => {
    const { store } = context;
    const outbox = [
      delivery({ id: 'dlv_a', availableAt: ms(3) }),
      delivery({ id: 'dlv_b', availableAt: ms(1), attempts: 2 }),
      delivery({ id: 'dlv_c', availableAt: ms(2) }),
    ];
    await enqueue(store, outbox);
    const lease = { now: ms(10), leaseMs: 30_000 };
    const first = await store.deliveries.claim({ owner: OWNER, ...lease, limit: 2 });
    expect(first).toEqual([leased(outbox[1]!, lease), leased(outbox[2]!, lease)]);
    expect(await store.deliveries.get('dlv_b')).toEqual(first[0]);
    expect(await store.deliveries.claim({ owner: OWNER, ...lease, limit: 2 })).toEqual([
      leased(outbox[0]!, lease),
    ]);
    expect(await store.deliveries.claim({ owner: OWNER, ...lease, limit: 2 })).toEqual([]);
  });

  it('breaks ties in availableAt by id, so deliveries made in the same millisecond keep their order', async () => {
    const { store } = context;
    const ids = ['dlv_07', 'dlv_03', 'dlv_09', 'dlv_01', 'dlv_05'];
    await enqueue(
      store,
      ids.map((id) => delivery({ id, availableAt: ms(1) })),
    );
    const claimed = await store.deliveries.claim({ owner: OWNER, now: ms(10), limit: 3, leaseMs: 1000 });
    expect(claimed.map((record) => record.id)).toEqual(['dlv_01', 'dlv_03', 'dlv_05']);
  });

  it('claims nothing with a limit of zero', async () => {
    const { store } = context;
    await enqueue(store, [delivery()]);
    expect(await store.deliveries.claim({ owner: OWNER, now: ms(10), limit: 0, leaseMs: 1000 })).toEqual([]);
    expect(await store.deliveries.get('dlv_1')).toEqual(delivery());
  });

  it("leases a policy's deliveries only into its free slots, counted over every owner, on-event ones first", async () => {
    const { store } = context;
    await store.throughputPolicies.put({
      id: 'tp_sms',
      name: 'SMS',
      concurrency: 2,
      createdAt: at(0),
      updatedAt: at(0),
    });
    await enqueue(store, [
      delivery({ id: 'dlv_bulk1', policyId: 'tp_sms', priority: 'bulk', availableAt: ms(1) }),
      delivery({ id: 'dlv_bulk2', policyId: 'tp_sms', priority: 'bulk', availableAt: ms(2) }),
      delivery({ id: 'dlv_event1', policyId: 'tp_sms', priority: 'event', availableAt: ms(3) }),
      delivery({ id: 'dlv_event2', policyId: 'tp_sms', priority: 'event', availableAt: ms(4) }),
      delivery({ id: 'dlv_free', priority: 'bulk', availableAt: ms(5) }),
    ]);
    // Another process already sends one of the policy's deliveries: one slot is left.
    const other = await context.twin();
    const lease = { now: ms(10), leaseMs: 60_000 };
    const [theirs] = await other.deliveries.claim({ owner: 'proc_b', ...lease, limit: 1 });
    expect(theirs?.id).toBe('dlv_event1');
    const ours = await store.deliveries.claim({ owner: OWNER, ...lease, limit: 10 });
    expect(ours.map((found) => found.id)).toEqual(['dlv_event2', 'dlv_free']);
    expect(await store.deliveries.claim({ owner: OWNER, ...lease, limit: 10 })).toEqual([]);
    // A closed delivery frees its slot for the oldest bulk one.
    await store.commit({ closeDeliveries: [{ id: 'dlv_event1', status: 'done' }], now: at(11) });
    const next = await store.deliveries.claim({ owner: OWNER, ...lease, limit: 10 });
    expect(next.map((found) => found.id)).toEqual(['dlv_bulk1']);
  });

  it("applies a changed limit at the next claim, and lets a deleted policy's deliveries go unlimited", async () => {
    const { store } = context;
    const policy = { id: 'tp_slow', name: 'Slow', concurrency: 1, createdAt: at(0), updatedAt: at(0) };
    await store.throughputPolicies.put(policy);
    const ids = ['dlv_1', 'dlv_2', 'dlv_3', 'dlv_4', 'dlv_5'];
    await enqueue(
      store,
      ids.map((id, n) => delivery({ id, policyId: 'tp_slow', availableAt: ms(n) })),
    );
    const claim = () => store.deliveries.claim({ owner: OWNER, now: ms(10), leaseMs: 60_000, limit: 10 });
    expect((await claim()).map((found) => found.id)).toEqual(['dlv_1']);
    await store.throughputPolicies.put({ ...policy, concurrency: 3 });
    expect((await claim()).map((found) => found.id)).toEqual(['dlv_2', 'dlv_3']);
    expect(await claim()).toEqual([]);
    expect(await store.throughputPolicies.delete('tp_slow')).toBe(true);
    expect((await claim()).map((found) => found.id)).toEqual(['dlv_4', 'dlv_5']);
  });

  it('never lets two stores claiming at once send more of a policy than its limit', async () => {
    const { store } = context;
    const other = await context.twin();
    await store.throughputPolicies.put({
      id: 'tp_3',
      name: 'Three',
      concurrency: 3,
      createdAt: at(0),
      updatedAt: at(0),
    });
    const ids = Array.from({ length: 30 }, (_, n) => `dlv_${String(n).padStart(2, '0')}`);
    await enqueue(
      store,
      ids.map((id, n) => delivery({ id, policyId: 'tp_3', availableAt: ms(n % 5) })),
    );
    const claimOnce = (worker: Store, owner: string) =>
      worker.deliveries.claim({ owner, now: ms(10), leaseMs: 60_000, limit: 2 });
    const rounds = await Promise.all([
      claimOnce(store, OWNER),
      claimOnce(other, 'proc_b'),
      claimOnce(store, OWNER),
      claimOnce(other, 'proc_b'),
    ]);
    expect(rounds.flat()).toHaveLength(3);
  });

  it('does not claim a delivery before its availableAt', async () => {
    const { store } = context;
    await enqueue(store, [delivery({ availableAt: ms(10) })]);
    expect(await store.deliveries.claim({ owner: OWNER, now: ms(10) - 1, limit: 5, leaseMs: 1000 })).toEqual(
      [],
    );
    expect(await store.deliveries.claim({ owner: OWNER, now: ms(10), limit: 5, leaseMs: 1000 })).toHaveLength(
      1,
    );
  });

  it('never claims a leased delivery again, and re-leases it only once the lease lapsed', async () => {
    const { store } = context;
    await beat(store, OWNER, ms(100));
    const record = delivery();
    await enqueue(store, [record]);
    const lease = { now: ms(0), leaseMs: 1000 };
    const [claimed] = await store.deliveries.claim({ owner: OWNER, ...lease, limit: 5 });
    expect(claimed).toEqual(leased(record, lease));
    expect(await store.deliveries.claim({ owner: OWNER, now: ms(100), limit: 5, leaseMs: 1000 })).toEqual([]);
    expect(
      await store.deliveries.reclaimLapsed({
        owner: OWNER,
        liveSince: 0,
        now: ms(1) - 1,
        limit: 5,
        leaseMs: 1000,
      }),
    ).toEqual([]);
    const relapse = { now: ms(1) + 1, leaseMs: 5000 };
    const reclaimed = await store.deliveries.reclaimLapsed({
      owner: OWNER,
      liveSince: 0,
      ...relapse,
      limit: 5,
    });
    expect(reclaimed).toEqual([leased(record, { ...relapse, attempts: 2 })]);
    expect(await store.deliveries.get(record.id)).toEqual(reclaimed[0]);
    expect(
      await store.deliveries.reclaimLapsed({ owner: OWNER, liveSince: 0, ...relapse, limit: 5 }),
    ).toEqual([]);
  });

  it('skips closed deliveries', async () => {
    const { store } = context;
    await beat(store, OWNER, ms(100));
    await enqueue(store, [
      delivery({ id: 'dlv_done', status: 'done' }),
      delivery({ id: 'dlv_failed', status: 'failed' }),
      delivery({ id: 'dlv_closed' }),
      delivery({ id: 'dlv_open' }),
    ]);
    await store.commit({ closeDeliveries: [{ id: 'dlv_closed', status: 'done' }], now: at(1) });
    const claimed = await store.deliveries.claim({ owner: OWNER, now: ms(10), limit: 10, leaseMs: 1000 });
    expect(claimed.map((found) => found.id)).toEqual(['dlv_open']);
    expect(
      await store.deliveries.reclaimLapsed({
        owner: OWNER,
        liveSince: 0,
        now: ms(1000),
        limit: 10,
        leaseMs: 1000,
      }),
    ).toEqual([expect.objectContaining({ id: 'dlv_open', attempts: 2 })]);
  });

  it('makes a retried delivery claimable again at its new time, keeping its attempt count', async () => {
    const { store } = context;
    const record = run();
    await store.commit({ runs: [change(record, { deliveries: [delivery()] })], now: at(0) });
    await store.deliveries.claim({ owner: OWNER, now: ms(0), limit: 1, leaseMs: 60_000 });
    const retry = { id: 'dlv_1', availableAt: ms(30) };
    await store.commit({
      runs: [change({ ...record, rev: 2 }, { expectedRev: 1, retryDelivery: retry })],
      now: at(5),
    });
    expect(await store.deliveries.claim({ owner: OWNER, now: ms(30) - 1, limit: 1, leaseMs: 1000 })).toEqual(
      [],
    );
    const again = await store.deliveries.claim({ owner: OWNER, now: ms(30), limit: 1, leaseMs: 1000 });
    expect(again).toEqual([
      leased(delivery({ availableAt: ms(30) }), { now: ms(30), leaseMs: 1000, attempts: 2 }),
    ]);
  });

  it('never hands the same delivery to two stores claiming at once', async () => {
    const { store } = context;
    const other = await context.twin();
    const ids = Array.from({ length: 40 }, (_, n) => `dlv_${String(n).padStart(2, '0')}`);
    await enqueue(
      store,
      ids.map((id, n) => delivery({ id, availableAt: ms(n % 7) })),
    );
    const drain = async (worker: Store) => {
      const got: string[] = [];
      for (;;) {
        const claimed = await worker.deliveries.claim({
          owner: OWNER,
          now: ms(10),
          limit: 3,
          leaseMs: 60_000,
        });
        if (claimed.length === 0) return got;
        got.push(...claimed.map((found) => found.id));
      }
    };
    const [ours, theirs] = await Promise.all([drain(store), drain(other), drain(store), drain(other)]).then(
      ([a = [], b = [], c = [], d = []]) => [
        [...a, ...c],
        [...b, ...d],
      ],
    );
    const all = [...ours!, ...theirs!];
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(ids);
    expect(await store.deliveries.claim({ owner: OWNER, now: ms(10), limit: 40, leaseMs: 60_000 })).toEqual(
      [],
    );
  });

  it("takes over a delivery whose owner stopped beating, before its lease lapses, and never a live owner's", async () => {
    const { store } = context;
    await enqueue(store, [delivery({ id: 'dlv_dead' }), delivery({ id: 'dlv_live' })]);
    await store.deliveries.claim({ owner: 'proc_dead', now: ms(0), limit: 1, leaseMs: 60_000 });
    await store.deliveries.claim({ owner: 'proc_live', now: ms(0), limit: 1, leaseMs: 60_000 });
    await beat(store, 'proc_dead', ms(1));
    await beat(store, 'proc_live', ms(9));
    await beat(store, OWNER, ms(10));
    const takeover = { now: ms(10), leaseMs: 60_000, owner: OWNER };
    // Heartbeats after ms(5) count as alive: proc_dead's last one is older.
    const taken = await store.deliveries.reclaimLapsed({ ...takeover, limit: 5, liveSince: ms(5) });
    expect(taken).toEqual([leased(delivery({ id: 'dlv_dead', attempts: 1 }), takeover)]);
    expect((await store.deliveries.get('dlv_live'))?.owner).toBe('proc_live');
    expect(await store.deliveries.reclaimLapsed({ ...takeover, limit: 5, liveSince: ms(5) })).toEqual([]);
    // A caller whose own heartbeat is late (a busy event loop) does not take back its own deliveries.
    await beat(store, 'proc_live', ms(60));
    const late = { ...takeover, limit: 5, liveSince: ms(50) };
    expect(await store.deliveries.reclaimLapsed(late)).toEqual([]);
  });

  it('hands back what a stopping owner holds, uncounting the attempt it never made', async () => {
    const { store } = context;
    await enqueue(store, [delivery({ id: 'dlv_1' }), delivery({ id: 'dlv_2' }), delivery({ id: 'dlv_3' })]);
    await store.deliveries.claim({ owner: OWNER, now: ms(0), limit: 2, leaseMs: 60_000 });
    await store.deliveries.claim({ owner: 'proc_other', now: ms(0), limit: 1, leaseMs: 60_000 });
    expect(await store.deliveries.release(OWNER)).toBe(2);
    expect(await store.deliveries.get('dlv_1')).toEqual(delivery({ id: 'dlv_1' }));
    expect(await store.deliveries.get('dlv_2')).toEqual(delivery({ id: 'dlv_2' }));
    expect((await store.deliveries.get('dlv_3'))?.owner).toBe('proc_other');
    const again = await store.deliveries.claim({ owner: 'proc_next', now: ms(1), limit: 5, leaseMs: 1000 });
    expect(again.map((found) => found.id)).toEqual(['dlv_1', 'dlv_2']);
  });

  it('tells when the next claim can find something', async () => {
    const { store } = context;
    await enqueue(store, [
      delivery({ id: 'dlv_late', availableAt: ms(20) }),
      delivery({ id: 'dlv_soon', availableAt: ms(10) }),
    ]);
    await enqueue(store, [delivery({ id: 'dlv_old', availableAt: ms(1), status: 'done' })], 'run_2');
    expect(await store.deliveries.nextAvailableAt()).toBe(ms(10));
    await store.deliveries.claim({ owner: OWNER, now: ms(15), limit: 1, leaseMs: 2000 });
    expect(await store.deliveries.nextAvailableAt()).toBe(ms(17));
    await store.commit({ closeDeliveries: [{ id: 'dlv_soon', status: 'done' }], now: at(16) });
    expect(await store.deliveries.nextAvailableAt()).toBe(ms(20));
    await store.commit({ closeDeliveries: [{ id: 'dlv_late', status: 'failed' }], now: at(16) });
    expect(await store.deliveries.nextAvailableAt()).toBeNull();
  });

  it('gives the closed deliveries created since a time, newest first, with why failed ones failed', async () => {
    const { store } = context;
    const id = (seconds: number, n: string) => `${idFloor('msg', ms(seconds))}${n}`;
    const make = (seconds: number, n: string, url: string) =>
      delivery({ id: id(seconds, n), createdAt: at(seconds), request: { ...delivery().request, url } });
    await enqueue(store, [
      make(1, 'a', 'https://old.test/x'),
      make(10, 'b', 'https://crm.test/a'),
      make(11, 'c', 'https://crm.test/b'),
      make(12, 'd', 'https://sms.test/'),
    ]);
    await store.commit({
      closeDeliveries: [
        { id: id(1, 'a'), status: 'done' },
        { id: id(10, 'b'), status: 'failed', error: 'HTTP 503 (gave up after 5 attempts)' },
        { id: id(11, 'c'), status: 'done', error: null },
      ],
      now: at(20),
    });
    expect(await store.deliveries.recentOutcomes({ since: ms(5), limit: 10 })).toEqual([
      { url: 'https://crm.test/b', status: 'done', error: null, createdAt: at(11) },
      {
        url: 'https://crm.test/a',
        status: 'failed',
        error: 'HTTP 503 (gave up after 5 attempts)',
        createdAt: at(10),
      },
    ]);
    expect(await store.deliveries.recentOutcomes({ since: ms(0), limit: 1 })).toHaveLength(1);
  });
}
