import { expect, it } from 'vitest';
import type { StoreContext } from './store-context.ts';
import { at, change, delivery, ms, run } from './store-fixtures.ts';

const OWNER = 'proc_a';

/** `BacklogStore`: counts of the work waiting, as every process sharing the store sees them. */
export function storeBacklogContract(context: StoreContext): void {
  it('counts nothing on an empty store', async () => {
    expect(await context.store.backlog.read(ms(0))).toEqual({
      deliveries: { pending: 0, due: 0, sendingByPolicy: [] },
      waits: { scheduled: 0, due: 0 },
    });
  });

  it('counts pending deliveries, the due ones, and those being sent by throughput policy', async () => {
    const { store } = context;
    const sending = { status: 'sending' as const, owner: OWNER, leaseUntil: ms(100), attempts: 1 };
    const outbox = [
      delivery({ id: 'dlv_1', availableAt: ms(1), ...sending }),
      delivery({ id: 'dlv_2', availableAt: ms(2), policyId: 'tp_a', ...sending }),
      delivery({ id: 'dlv_3', availableAt: ms(3), policyId: 'tp_a', ...sending }),
      delivery({ id: 'dlv_4', availableAt: ms(4), policyId: 'tp_b' }),
      delivery({ id: 'dlv_5', availableAt: ms(50) }),
      delivery({ id: 'dlv_6', availableAt: ms(60) }),
      delivery({ id: 'dlv_7', availableAt: ms(5) }),
    ];
    await store.commit({ runs: [change(run(), { deliveries: outbox })], now: at(0) });
    await store.commit({ closeDeliveries: [{ id: 'dlv_7', status: 'done' }], now: at(11) });
    const { deliveries } = await store.backlog.read(ms(10));
    expect({ ...deliveries, sendingByPolicy: [] }).toEqual({ pending: 3, due: 1, sendingByPolicy: [] });
    const byPolicy = [...deliveries.sendingByPolicy].sort((a, b) =>
      String(a.policyId).localeCompare(String(b.policyId)),
    );
    expect(byPolicy).toEqual([
      { policyId: null, count: 1 },
      { policyId: 'tp_a', count: 2 },
    ]);
  });

  it('counts the runs waiting for a timer and those whose wake time has come, not those awaiting a response', async () => {
    const { store } = context;
    const waiting = (id: string, wakeAt: number | null) =>
      change(run({ id, status: 'waiting', nodeId: 'pause', wakeAt, wakeVisit: wakeAt === null ? null : 1 }));
    await store.commit({
      runs: [
        waiting('run_1', ms(5)),
        waiting('run_2', ms(20)),
        waiting('run_3', ms(30)),
        waiting('run_4', null),
        change(run({ id: 'run_5', status: 'completed', nodeId: null })),
      ],
      now: at(0),
    });
    expect((await store.backlog.read(ms(20))).waits).toEqual({ scheduled: 3, due: 2 });
    expect((await context.twin().then((other) => other.backlog.read(ms(1)))).waits).toEqual({
      scheduled: 3,
      due: 0,
    });
  });
}
