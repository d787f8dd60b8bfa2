import { expect, it } from 'vitest';
import type {
  NoticeDraft,
  NoticeStore,
  SubscriptionDeliveryRecord,
} from '../../server/store/ports/notice-store.ts';
import type { Store } from '../../server/store/ports/store.ts';
import type { StoreContext } from './store-context.ts';
import { advanced, at, change, definition, ms, run, scenario } from './store-fixtures.ts';
import { HEALTHY } from '../../server/store/ports/subscription-store.ts';
import { subscriptionRecord, testDelivery } from './store-subscription-contract.ts';

const DAY = 24 * 3600 * 1000;
const watchAll = (now: number) => ({
  types: ['customer.created', 'customer.returned', 'customer.attributes_changed'],
  now,
});
const draft = (type: string, customerId: string | null = 'cus_1', n = 0): NoticeDraft => ({
  type,
  at: ms(n),
  customerId,
  properties: { n },
});
/** Every owner the tests name beats at T0; the cut-off keeps them all alive unless a test moves it. */
const ALIVE = ms(0) - 1;
const lease = { leaseMs: 60_000, limit: 100, liveSince: ALIVE };
const OWNERS = ['a', 'b', 'c', 'p1', 'p2', 'p3'];

async function beating(store: Store): Promise<void> {
  for (const id of OWNERS)
    await store.processes.beat({ id, host: 'h', pid: 1, startedAt: at(0), heartbeatAt: ms(0) });
}

/** Every notice waiting in the outbox, oldest first, read by leasing them (a test's own owner). */
async function drain(notices: NoticeStore, now = ms(1)): Promise<NoticeDraft[]> {
  const claimed = await notices.claimNotices({ now, ...lease, liveSince: now, owner: `drain-${now}` });
  return claimed.map(({ type, at: time, customerId, properties }) => ({
    type,
    at: time,
    customerId,
    properties,
  }));
}

const pending = (overrides: Partial<SubscriptionDeliveryRecord>) =>
  testDelivery({ status: 'pending', attempts: [], test: false, availableAt: ms(0), ...overrides });

async function expandOne(store: Store, deliveries: SubscriptionDeliveryRecord[], owner = 'p1') {
  await store.commit({ runs: [change(run(), { notices: [draft('run.entered')] })], now: at(0) });
  const [notice] = await store.notices.claimNotices({ now: ms(1), ...lease, owner });
  await store.notices.expand({
    owner,
    noticeIds: [notice!.id],
    deliveries: deliveries.map((delivery) => ({ ...delivery, noticeId: notice!.id })),
    skipped: {},
  });
}

/** `NoticeStore` and the notices every other write saves: the event subscriptions' outbox. */
export function storeNoticeContract(context: StoreContext): void {
  it('saves a run change’s notices with it, in order, and none for a change that conflicted', async () => {
    const { store } = context;
    const record = run();
    const notices = [draft('run.entered', 'cus_1', 1), draft('run.completed', 'cus_1', 2)];
    await store.commit({ runs: [change(record, { notices })], now: at(0) });
    const stale = change(advanced(record), { expectedRev: 99, notices: [draft('run.failed')] });
    expect((await store.commit({ runs: [stale], now: at(1) })).conflicts).toEqual(['run_1']);
    expect(await drain(store.notices)).toEqual(notices);
  });

  it('leases notices to one owner until the lease lapses', async () => {
    const { store } = context;
    await beating(store);
    await store.commit({ runs: [change(run(), { notices: [draft('run.entered')] })], now: at(0) });
    const other = (await context.twin()).notices;
    expect(await store.notices.claimNotices({ now: ms(1), ...lease, owner: 'a' })).toHaveLength(1);
    expect(await other.claimNotices({ now: ms(2), ...lease, owner: 'b' })).toEqual([]);
    expect(await other.claimNotices({ now: ms(1) + 60_000, ...lease, owner: 'b' })).toHaveLength(1);
  });

  it('decides customer events from the stored customer: created, attributes changed with old and new, and nothing unwatched', async () => {
    const { store } = context;
    await store.commit({
      customers: [{ id: 'c1', attributes: { plan: 'free' }, source: 'api' }],
      now: at(0),
    });
    expect(await drain(store.notices)).toEqual([]);
    const watch = watchAll(ms(10));
    await store.commit({
      customers: [
        { id: 'c1', attributes: { plan: 'pro', email_opt_in: true }, source: 'hook' },
        {
          id: 'c2',
          attributes: {},
          source: 'event',
          activity: { triggerId: 'evt_1', externalMessageId: 'x-1' },
        },
      ],
      watch,
      now: at(10),
    });
    expect(await drain(store.notices, ms(11))).toEqual([
      {
        type: 'customer.attributes_changed',
        at: ms(10),
        customerId: 'c1',
        properties: {
          customer_id: 'c1',
          source: 'hook',
          changes: { plan: { old: 'free', new: 'pro' }, email_opt_in: { old: null, new: true } },
        },
      },
      {
        type: 'customer.created',
        at: ms(10),
        customerId: 'c2',
        properties: { customer_id: 'c2', source: 'event', trigger_id: 'evt_1', external_message_id: 'x-1' },
      },
    ]);
    expect((await store.customers.get('c1'))?.attributes).toEqual({ plan: 'pro', email_opt_in: true });
  });

  it('fires customer.returned at most once per 24 h per customer, across processes', async () => {
    const { store } = context;
    const other = await context.twin();
    const activity = (n: number) => ({ triggerId: `evt_${n}`, externalMessageId: null });
    const visit = (target: Store, n: number, now: number) =>
      target.commit({
        customers: [{ id: 'c1', attributes: {}, source: 'event', activity: activity(n) }],
        watch: { types: ['customer.returned'], now },
        now: new Date(now).toISOString(),
      });
    await visit(store, 1, ms(0)); // created: not a return
    await visit(other, 2, ms(0) + DAY - 1);
    await visit(store, 3, ms(0) + DAY);
    await visit(other, 4, ms(0) + DAY + 5000);
    await visit(store, 5, ms(0) + 2 * DAY);
    const returned = (await drain(store.notices, ms(0) + 3 * DAY)).map(
      (notice) => notice.properties['trigger_id'],
    );
    expect(returned).toEqual(['evt_3', 'evt_5']);
  });

  it('saves the attribute changes of a set-attributes step between the run’s start and end, naming the node', async () => {
    const { store } = context;
    await store.customers.put('cus_1', { plan: 'free' }, at(0));
    const record = run({ status: 'completed' });
    const steps = [
      { runId: 'run_1', seq: 0, at: at(1), nodeId: 'tag', kind: 'attributes' as const, detail: { set: {} } },
    ];
    await store.commit({
      runs: [
        change(record, {
          steps,
          customerAttributes: { plan: 'pro' },
          notices: [draft('run.entered'), draft('run.completed')],
          attributeNoticesAt: 1,
        }),
      ],
      watch: { types: ['customer.attributes_changed'], now: ms(1) },
      now: at(1),
    });
    const saved = await drain(store.notices, ms(2));
    expect(saved.map((notice) => notice.type)).toEqual([
      'run.entered',
      'customer.attributes_changed',
      'run.completed',
    ]);
    expect(saved[1]!.properties).toEqual({
      customer_id: 'cus_1',
      source: 'set-attributes',
      changes: { plan: { old: 'free', new: 'pro' } },
      scenario_id: 'scn_1',
      run_id: 'run_1',
      node_id: 'tag',
    });
  });

  it('decides the events of an API write (replace removes keys: their new value is null)', async () => {
    const { store } = context;
    await store.customers.put('c1', { plan: 'free', email: 'a@x.test' }, at(0));
    const { created } = await store.customers.upsert(
      'c1',
      { attributes: { plan: 'pro' }, mode: 'replace', watch: watchAll(ms(5)) },
      at(5),
    );
    expect(created).toBe(false);
    await store.customers.upsert('c9', { attributes: {}, mode: 'merge', watch: watchAll(ms(6)) }, at(6));
    expect(await drain(store.notices, ms(7))).toEqual([
      {
        type: 'customer.attributes_changed',
        at: ms(5),
        customerId: 'c1',
        properties: {
          customer_id: 'c1',
          source: 'api',
          changes: { plan: { old: 'free', new: 'pro' }, email: { old: 'a@x.test', new: null } },
        },
      },
      {
        type: 'customer.created',
        at: ms(6),
        customerId: 'c9',
        properties: { customer_id: 'c9', source: 'api' },
      },
    ]);
  });

  it('saves scenario and launch events with the write that caused them, when asked', async () => {
    const { store } = context;
    await store.scenarios.create(scenario());
    await store.scenarios.activate('scn_1', {
      definition: definition(),
      author: null,
      now: at(1),
      notify: true,
    });
    await store.scenarios.setStatus('scn_1', { status: 'stopped', now: at(2), notify: true });
    await store.scenarios.setStatus('scn_1', { status: 'stopped', now: at(3), notify: true });
    await store.scenarios.setStatus('scn_1', { status: 'active', now: at(3), notify: true });
    await store.fanOuts.create({
      id: 'fan_1',
      scenarioId: 'scn_1',
      version: 1,
      triggerNodeId: 'trigger',
      source: 'hook',
      status: 'running',
      started: 3,
      audience: null,
      error: null,
      createdAt: at(0),
      updatedAt: at(0),
      finishedAt: null,
      target: { kind: 'customers', ids: ['a'] },
      setAttributes: null,
      cursor: null,
      owner: null,
    });
    const launch = draft('launch.completed', null, 4);
    expect(
      await store.fanOuts.finish('fan_1', { status: 'done', error: null, at: at(4), notices: [launch] }),
    ).toBe(true);
    expect(
      await store.fanOuts.finish('fan_1', { status: 'done', error: null, at: at(5), notices: [launch] }),
    ).toBe(false);
    const saved = await drain(store.notices, ms(10));
    expect(saved).toEqual([
      {
        type: 'scenario.activated',
        at: ms(1),
        customerId: null,
        properties: { scenario_id: 'scn_1', scenario_name: 'Welcome', version: 1 },
      },
      {
        type: 'scenario.deactivated',
        at: ms(2),
        customerId: null,
        properties: { scenario_id: 'scn_1', scenario_name: 'Welcome', version: 1 },
      },
      {
        type: 'scenario.activated',
        at: ms(3),
        customerId: null,
        properties: { scenario_id: 'scn_1', scenario_name: 'Welcome', version: 1 },
      },
      launch,
    ]);
  });

  it('expands only the notices its owner still holds, into deliveries of existing subscriptions, counting skips', async () => {
    const { store } = context;
    await beating(store);
    await store.subscriptions.create(subscriptionRecord());
    await store.commit({
      runs: [change(run(), { notices: [draft('run.entered'), draft('run.completed')] })],
      now: at(0),
    });
    const [first, second] = await store.notices.claimNotices({ now: ms(1), ...lease, owner: 'a' });
    const removed = await store.notices.expand({
      owner: 'b',
      noticeIds: [first!.id],
      deliveries: [pending({ id: 'msg_x', noticeId: first!.id })],
      skipped: {},
    });
    expect(removed).toBe(0);
    expect(await store.notices.getDelivery('msg_x')).toBeNull();
    const expanded = await store.notices.expand({
      owner: 'a',
      noticeIds: [first!.id, second!.id],
      deliveries: [
        pending({ id: 'msg_1', noticeId: first!.id }),
        pending({ id: 'msg_gone', noticeId: second!.id, subscriptionId: 'sub_deleted' }),
      ],
      skipped: { sub_1: 2 },
    });
    expect(expanded).toBe(2);
    expect(await store.notices.getDelivery('msg_1')).toEqual(pending({ id: 'msg_1', noticeId: first!.id }));
    expect(await store.notices.getDelivery('msg_gone')).toBeNull();
    expect((await store.subscriptions.get('sub_1'))?.health.skipped).toBe(2);
    expect(await store.notices.claimNotices({ now: ms(1) + 120_000, ...lease, owner: 'c' })).toEqual([]);
  });

  it('sends one customer’s deliveries one at a time, in order, and none of other subscriptions', async () => {
    const { store } = context;
    await store.subscriptions.create(subscriptionRecord());
    await store.subscriptions.create(subscriptionRecord({ id: 'sub_2' }));
    await expandOne(store, [
      pending({ id: 'msg_1', customerId: 'c1' }),
      pending({ id: 'msg_2', customerId: 'c1' }),
      pending({ id: 'msg_3', customerId: 'c2' }),
      pending({ id: 'msg_4', customerId: 'c1', subscriptionId: 'sub_2' }),
      pending({ id: 'msg_5', customerId: 'c3', availableAt: ms(500) }),
    ]);
    await beating(store);
    const claim = (now: number, owner = 'p1') =>
      store.notices.claimDeliveries({
        now,
        limit: 10,
        leaseMs: 30_000,
        owner,
        liveSince: ALIVE,
        subscriptionIds: ['sub_1'],
      });
    expect((await claim(ms(10))).map((delivery) => delivery.id)).toEqual(['msg_1', 'msg_3']);
    expect(await claim(ms(11))).toEqual([]);
    const done = { id: 'msg_1', owner: 'p1', attempt: attempt(200), outcome: { kind: 'done' as const } };
    expect(await store.notices.finishAttempt({ ...done, health: ok(at(12)) })).toEqual({ disabled: false });
    expect((await claim(ms(13))).map((delivery) => delivery.id)).toEqual(['msg_2']);
    // A lease that lapsed (its process died) is taken over; the dead owner's result no longer counts.
    const taken = await claim(ms(43), 'p2');
    expect(taken.map((delivery) => delivery.id)).toEqual(['msg_2', 'msg_3']);
    expect(await store.notices.finishAttempt({ ...done, id: 'msg_3', health: ok(at(50)) })).toBeNull();
    for (const id of ['msg_2', 'msg_3'])
      expect(await store.notices.finishAttempt({ ...done, id, owner: 'p2', health: ok(at(50)) })).toEqual({
        disabled: false,
      });
    expect((await claim(ms(600), 'p3')).map((delivery) => delivery.id)).toEqual(['msg_5']);
  });

  it('takes over at once what an owner that stopped beating held, and what a stopping one hands back', async () => {
    const { store } = context;
    await store.subscriptions.create(subscriptionRecord());
    await beating(store);
    await expandOne(store, [
      pending({ id: 'msg_1', customerId: 'c1' }),
      pending({ id: 'msg_2', customerId: 'c1' }),
    ]);
    await store.commit({
      runs: [change(run({ id: 'run_2' }), { notices: [draft('run.entered')] })],
      now: at(0),
    });
    const claim = (owner: string, liveSince: number) =>
      store.notices.claimDeliveries({
        now: ms(2),
        limit: 10,
        leaseMs: 60_000,
        owner,
        liveSince,
        subscriptionIds: ['sub_1'],
      });
    expect((await claim('a', ALIVE)).map((delivery) => delivery.id)).toEqual(['msg_1']);
    expect(await store.notices.claimNotices({ now: ms(2), ...lease, owner: 'a' })).toHaveLength(1);
    // 'a' beat last at T0: with a later cut-off it is dead, and its lease no longer holds or blocks.
    expect((await claim('b', ms(1))).map((delivery) => delivery.id)).toEqual(['msg_1']);
    expect(
      await store.notices.claimNotices({ now: ms(2), ...lease, liveSince: ms(1), owner: 'b' }),
    ).toHaveLength(1);
    await store.notices.release('b');
    expect((await claim('c', ALIVE)).map((delivery) => delivery.id)).toEqual(['msg_1']);
    expect(await store.notices.claimNotices({ now: ms(2), ...lease, owner: 'c' })).toHaveLength(1);
  });

  it('gives a subscription with failed calls in a row one call at a time', async () => {
    const { store } = context;
    await store.subscriptions.create(subscriptionRecord({ health: { ...HEALTHY, consecutiveFailures: 1 } }));
    await beating(store);
    await expandOne(store, [
      pending({ id: 'msg_1', customerId: 'c1' }),
      pending({ id: 'msg_2', customerId: 'c2' }),
      pending({ id: 'msg_3', customerId: 'c3' }),
    ]);
    const claim = () =>
      store.notices.claimDeliveries({
        now: ms(5),
        limit: 10,
        leaseMs: 30_000,
        owner: 'p1',
        liveSince: ALIVE,
        subscriptionIds: ['sub_1'],
      });
    expect((await claim()).map((delivery) => delivery.id)).toEqual(['msg_1']);
    expect(await claim()).toEqual([]);
    const fail = { success: false, error: 'HTTP 500', gaveUp: true, disableAfter: 10, now: at(6) };
    await store.notices.finishAttempt({
      id: 'msg_1',
      owner: 'p1',
      attempt: attempt(500),
      outcome: { kind: 'failed' },
      health: fail,
    });
    expect((await claim()).map((delivery) => delivery.id)).toEqual(['msg_2']);
    await store.notices.finishAttempt({
      id: 'msg_2',
      owner: 'p1',
      attempt: attempt(200),
      outcome: { kind: 'done' },
      health: ok(at(7)),
    });
    expect((await claim()).map((delivery) => delivery.id)).toEqual(['msg_3']);
  });

  it('records attempts: a retry waits, failures count up to a disable, a success clears them', async () => {
    const { store } = context;
    await beating(store);
    await store.subscriptions.create(subscriptionRecord());
    await expandOne(store, [pending({ id: 'msg_1' })]);
    const claim = (now: number) =>
      store.notices.claimDeliveries({
        now,
        limit: 1,
        leaseMs: 30_000,
        owner: 'p1',
        liveSince: ALIVE,
        subscriptionIds: ['sub_1'],
      });
    const fail = { success: false, error: 'HTTP 503', gaveUp: false, disableAfter: 3, now: at(1) };
    await claim(ms(1));
    const retried = await store.notices.finishAttempt({
      id: 'msg_1',
      owner: 'p1',
      attempt: attempt(503),
      outcome: { kind: 'retry', at: ms(20) },
      health: fail,
    });
    expect(retried).toEqual({ disabled: false });
    expect(await store.notices.getDelivery('msg_1')).toMatchObject({
      status: 'pending',
      availableAt: ms(20),
      attemptCount: 1,
      attempts: [attempt(503)],
    });
    expect(await claim(ms(19))).toEqual([]);
    await claim(ms(20));
    const failed = await store.notices.finishAttempt({
      id: 'msg_1',
      owner: 'p1',
      attempt: attempt(500),
      outcome: { kind: 'failed' },
      health: { ...fail, gaveUp: true, now: at(21) },
    });
    expect(failed).toEqual({ disabled: false });
    expect((await store.subscriptions.get('sub_1'))?.health).toMatchObject({
      consecutiveFailures: 2,
      failingSince: at(21),
      disabledAt: null,
      lastError: 'HTTP 503',
      lastFailureAt: at(21),
    });
    await store.notices.recordTest(testDelivery({ id: 'msg_t1' }), { ...fail, now: at(22) });
    expect((await store.subscriptions.get('sub_1'))?.health).toMatchObject({
      consecutiveFailures: 3,
      disabledAt: at(22),
    });
    await store.notices.recordTest(testDelivery({ id: 'msg_t2' }), ok(at(23)));
    expect((await store.subscriptions.get('sub_1'))?.health).toMatchObject({
      consecutiveFailures: 0,
      failingSince: null,
      disabledAt: at(22),
      lastSuccessAt: at(23),
    });
  });

  it('lists a subscription’s deliveries newest first, by status and time, and replays failed ones with the same id', async () => {
    const { store } = context;
    await store.subscriptions.create(subscriptionRecord());
    await store.notices.recordTest(testDelivery({ id: 'msg_1', createdAt: at(1) }), ok(at(1)));
    await store.notices.recordTest(
      testDelivery({ id: 'msg_2', status: 'failed', createdAt: at(2), attempts: [attempt(500)] }),
      ok(at(2)),
    );
    await store.notices.recordTest(
      testDelivery({ id: 'msg_3', status: 'failed', createdAt: at(3) }),
      ok(at(3)),
    );
    const list = async (query: object) =>
      (await store.notices.listDeliveries({ subscriptionId: 'sub_1', limit: 10, ...query })).map(
        (found) => found.id,
      );
    expect(await list({})).toEqual(['msg_3', 'msg_2', 'msg_1']);
    expect(await list({ status: 'failed' })).toEqual(['msg_3', 'msg_2']);
    expect(await list({ from: at(2), to: at(3) })).toEqual(['msg_2']);
    expect(await list({ before: 'msg_3', limit: 1 })).toEqual(['msg_2']);
    expect(await list({ subscriptionId: 'sub_other' })).toEqual([]);

    expect(
      await store.notices.replay({ subscriptionId: 'sub_1', range: { from: at(0), to: at(3) }, now: ms(9) }),
    ).toEqual(['msg_2']);
    expect(await store.notices.getDelivery('msg_2')).toMatchObject({
      status: 'pending',
      availableAt: ms(9),
      attemptCount: 0,
      attempts: [attempt(500)],
    });
    expect(
      await store.notices.replay({ subscriptionId: 'sub_1', ids: ['msg_1', 'msg_2'], now: ms(10) }),
    ).toEqual(['msg_1']);
    expect(await store.notices.replay({ subscriptionId: 'sub_other', ids: ['msg_3'], now: ms(10) })).toEqual(
      [],
    );
  });

  it('deletes a subscription’s deliveries with it', async () => {
    const { store } = context;
    await store.subscriptions.create(subscriptionRecord());
    await store.notices.recordTest(testDelivery(), ok(at(1)));
    await store.subscriptions.delete('sub_1');
    expect(await store.notices.getDelivery('msg_test')).toBeNull();
  });
}

const ok = (now: string) => ({ success: true, error: null, gaveUp: false, disableAfter: 10, now });

function attempt(status: number) {
  return {
    at: at(1),
    status,
    error: status < 300 ? null : `HTTP ${status}`,
    durationMs: 12,
    response: { headers: { 'content-type': 'text/plain' }, body: 'ok', truncated: false },
  };
}
