import { expect, it } from 'vitest';
import type { RunRecord, RunStepRecord } from '../../server/store/ports/run-store.ts';
import type { Store } from '../../server/store/ports/store.ts';
import type { StoreContext } from './store-context.ts';
import { advanced, at, change, ms, run, step } from './store-fixtures.ts';

async function save(store: Store, runs: RunRecord[], steps: RunStepRecord[] = []) {
  const changes = runs.map((record) =>
    change(record, { steps: steps.filter((saved) => saved.runId === record.id) }),
  );
  await store.commit({ runs: changes, now: at(0) });
}

/** A run's history from entries "node" (entered), "node:kind", "node:webhook!" (a failed attempt), ":kind" (no node). */
function history(runId: string, path: string[]): RunStepRecord[] {
  return path.map((entry, seq) => {
    const [nodeId = '', kind = 'entered'] = entry.split(':');
    const failed = kind.endsWith('!');
    return step(runId, seq, {
      nodeId: nodeId || null,
      kind: kind.replace('!', '') as RunStepRecord['kind'],
      detail: kind.startsWith('webhook') ? { error: failed ? 'HTTP 500' : null } : {},
    });
  });
}

/** `RunStore`: listing, history, wake times and the editor's per-node figures. */
export function storeRunContract(context: StoreContext): void {
  it('lists runs newest first by id, filtered by scenario and status, paged before an id', async () => {
    const { store } = context;
    const runs = [
      run({ id: 'run_01', scenarioId: 'scn_a', status: 'completed' }),
      run({ id: 'run_02', scenarioId: 'scn_b', status: 'running' }),
      run({ id: 'run_03', scenarioId: 'scn_a', status: 'running' }),
      run({ id: 'run_04', scenarioId: 'scn_a', status: 'completed' }),
      run({ id: 'run_05', scenarioId: 'scn_b', status: 'failed' }),
      run({ id: 'run_06', scenarioId: 'scn_a', status: 'completed' }),
    ];
    await save(store, [runs[3]!, runs[0]!, runs[5]!]);
    await save(store, [runs[1]!, runs[4]!, runs[2]!]);
    const ids = async (query: Parameters<Store['runs']['list']>[0]) =>
      (await store.runs.list(query)).map((found) => found.id);
    expect(await store.runs.list({ limit: 2 })).toEqual([runs[5], runs[4]]);
    expect(await ids({ limit: 3, before: 'run_05' })).toEqual(['run_04', 'run_03', 'run_02']);
    expect(await ids({ limit: 10, scenarioId: 'scn_a' })).toEqual(['run_06', 'run_04', 'run_03', 'run_01']);
    expect(await ids({ limit: 10, status: 'completed' })).toEqual(['run_06', 'run_04', 'run_01']);
    expect(await ids({ limit: 1, scenarioId: 'scn_a', status: 'completed', before: 'run_06' })).toEqual([
      'run_04',
    ]);
    expect(await ids({ limit: 10, scenarioId: 'scn_a', status: 'completed', before: 'run_04' })).toEqual([
      'run_01',
    ]);
    expect(await ids({ limit: 10, scenarioId: 'scn_c' })).toEqual([]);
  });

  it("returns a run's steps ordered by seq whatever order they were saved in", async () => {
    const { store } = context;
    const record = run();
    await store.commit({
      runs: [change(record, { steps: [step(record.id, 2), step(record.id, 0)] })],
      now: at(0),
    });
    const next = { ...record, rev: 2 };
    await store.commit({ runs: [change(next, { expectedRev: 1, steps: [step(record.id, 1)] })], now: at(1) });
    expect(await store.runs.steps(record.id)).toEqual([0, 1, 2].map((seq) => step(record.id, seq)));
    expect(await store.runs.steps('run_missing')).toEqual([]);
  });

  it('finds the waiting runs whose wake time has come, earliest first', async () => {
    const { store } = context;
    await save(store, [
      run({ id: 'run_late', status: 'waiting', wakeAt: ms(20), wakeVisit: 5 }),
      run({ id: 'run_early', status: 'waiting', wakeAt: ms(10), wakeVisit: 3 }),
      run({ id: 'run_future', status: 'waiting', wakeAt: ms(31), wakeVisit: 1 }),
      run({ id: 'run_running', status: 'running', wakeAt: ms(5), wakeVisit: 1 }),
      run({ id: 'run_done', status: 'completed', wakeAt: ms(5), wakeVisit: 1 }),
      run({ id: 'run_webhook', status: 'waiting', wakeAt: null, wakeVisit: null }),
    ]);
    expect(await store.runs.dueWakes({ now: ms(30), limit: 10 })).toEqual([
      { runId: 'run_early', visit: 3 },
      { runId: 'run_late', visit: 5 },
    ]);
    expect(await store.runs.dueWakes({ now: ms(20), limit: 1 })).toEqual([{ runId: 'run_early', visit: 3 }]);
    expect(await store.runs.dueWakes({ now: ms(9), limit: 10 })).toEqual([]);
  });

  it('gives the earliest wake time of any waiting run, or null', async () => {
    const { store } = context;
    expect(await store.runs.nextWakeAt()).toBeNull();
    await save(store, [
      run({ id: 'run_running', status: 'running', wakeAt: ms(1), wakeVisit: 1 }),
      run({ id: 'run_webhook', status: 'waiting', wakeAt: null }),
    ]);
    expect(await store.runs.nextWakeAt()).toBeNull();
    await save(store, [
      run({ id: 'run_b', status: 'waiting', wakeAt: ms(40), wakeVisit: 2 }),
      run({ id: 'run_a', status: 'waiting', wakeAt: ms(30), wakeVisit: 2 }),
    ]);
    expect(await store.runs.nextWakeAt()).toBe(ms(30));
  });

  it('counts per node of one scenario version the runs that entered, wait, succeeded and failed', async () => {
    const { store } = context;
    const runs = [
      run({ id: 'run_1', status: 'completed', nodeId: null }),
      run({ id: 'run_2', status: 'waiting', nodeId: 'wait' }),
      run({ id: 'run_3', status: 'failed', nodeId: null }),
      run({ id: 'run_4', status: 'running', nodeId: 'hook' }),
      run({ id: 'run_5', version: 2, status: 'running', nodeId: 'hook' }),
      run({ id: 'run_6', scenarioId: 'scn_other', status: 'running', nodeId: 'hook' }),
    ];
    await save(store, runs, [
      ...history('run_1', ['trigger', 'hook', 'hook:webhook', 'end', ':completed']),
      ...history('run_2', ['trigger', 'wait', 'wait:wait']),
      ...history('run_3', ['trigger', 'hook', 'hook:webhook!', 'hook:failed']),
      ...history('run_4', ['trigger', 'hook']),
      ...history('run_5', ['trigger', 'hook']),
      ...history('run_6', ['trigger', 'hook']),
    ]);
    expect(await store.runs.nodeStats('scn_1', 1)).toEqual({
      trigger: { entered: 4, waiting: 0, succeeded: 4, failed: 0 },
      hook: { entered: 3, waiting: 1, succeeded: 1, failed: 1 },
      wait: { entered: 1, waiting: 1, succeeded: 0, failed: 0 },
      end: { entered: 1, waiting: 0, succeeded: 1, failed: 0 },
    });
    expect(await store.runs.nodeStats('scn_1', 3)).toEqual({});
  });

  it('sums per node over every version of a scenario when no version is asked for', async () => {
    const { store } = context;
    await save(
      store,
      [
        run({ id: 'run_1', status: 'completed', nodeId: null }),
        run({ id: 'run_2', version: 2, status: 'waiting', nodeId: 'hook' }),
        run({ id: 'run_3', version: 2, status: 'failed', nodeId: null }),
        run({ id: 'run_4', scenarioId: 'scn_other', status: 'completed', nodeId: null }),
      ],
      [
        ...history('run_1', ['trigger', 'hook', 'hook:webhook', ':completed']),
        ...history('run_2', ['trigger', 'hook']),
        ...history('run_3', ['trigger', 'hook', 'hook:webhook!', 'hook:failed']),
        ...history('run_4', ['trigger', 'hook', 'hook:webhook', ':completed']),
      ],
    );
    expect(await store.runs.nodeStats('scn_1', null)).toEqual({
      trigger: { entered: 3, waiting: 0, succeeded: 3, failed: 0 },
      hook: { entered: 3, waiting: 1, succeeded: 1, failed: 1 },
    });
    expect(await store.runs.nodeStats('scn_1', 2)).toEqual({
      trigger: { entered: 2, waiting: 0, succeeded: 2, failed: 0 },
      hook: { entered: 2, waiting: 1, succeeded: 0, failed: 1 },
    });
    expect(await store.runs.nodeStats('scn_missing', null)).toEqual({});
  });

  it('counts the runs that left each node by each output, over commits and versions', async () => {
    const { store } = context;
    const left = (nodeId: string, handle: string) => ({ nodeId, handle });
    const branches = {
      yes: [left('trigger', 'out'), left('check', 'yes')],
      no: [left('trigger', 'out'), left('check', 'no')],
    };
    await store.commit({
      runs: [
        change(run({ id: 'run_1' }), { branches: branches.yes }),
        change(run({ id: 'run_2' }), { branches: branches.yes }),
        change(run({ id: 'run_3', version: 2 }), { branches: branches.no }),
        change(run({ id: 'run_4', scenarioId: 'scn_other' }), { branches: branches.no }),
      ],
      now: at(0),
    });
    // A later step of a run adds to the same counters (a webhook answered after a retry).
    await store.commit({
      runs: [change(advanced(run({ id: 'run_1' })), { expectedRev: 1, branches: [left('hook', 'failure')] })],
      now: at(1),
    });
    const all = await store.runs.nodeStats('scn_1', null);
    expect(all['trigger']?.branches).toEqual({ out: 3 });
    expect(all['check']?.branches).toEqual({ yes: 2, no: 1 });
    expect(all['hook']?.branches).toEqual({ failure: 1 });
    expect((await store.runs.nodeStats('scn_1', 2))['check']?.branches).toEqual({ no: 1 });
    // Outputs are counted apart from the steps: entering a node is not leaving it.
    expect(all['check']).toMatchObject({ entered: 0 });
  });

  it("lists a node's newest steps among the scenario's runs with each run's customer and status", async () => {
    const { store } = context;
    await save(
      store,
      [
        run({ id: 'run_1', customerId: 'cus_a', status: 'completed' }),
        run({ id: 'run_2', customerId: 'cus_b', status: 'waiting' }),
        run({ id: 'run_3', scenarioId: 'scn_other' }),
      ],
      [
        step('run_1', 0, { nodeId: 'hook', at: at(10) }),
        step('run_1', 1, { nodeId: 'hook', at: at(30), kind: 'webhook', detail: { error: null } }),
        step('run_1', 2, { nodeId: 'end', at: at(40) }),
        step('run_2', 0, { nodeId: 'hook', at: at(20) }),
        step('run_3', 0, { nodeId: 'hook', at: at(50) }),
      ],
    );
    const activity = await store.runs.nodeActivity({
      scenarioId: 'scn_1',
      nodeId: 'hook',
      limit: 2,
      version: null,
    });
    expect(activity).toEqual([
      {
        ...step('run_1', 1, { nodeId: 'hook', at: at(30), kind: 'webhook', detail: { error: null } }),
        customerId: 'cus_a',
        runStatus: 'completed',
        runVersion: 1,
      },
      {
        ...step('run_2', 0, { nodeId: 'hook', at: at(20) }),
        customerId: 'cus_b',
        runStatus: 'waiting',
        runVersion: 1,
      },
    ]);
    expect(
      (await store.runs.nodeActivity({ scenarioId: 'scn_1', nodeId: 'hook', limit: 10, version: null })).map(
        (found) => found.seq,
      ),
    ).toEqual([1, 0, 0]);
    expect(
      await store.runs.nodeActivity({ scenarioId: 'scn_1', nodeId: 'missing', limit: 10, version: null }),
    ).toEqual([]);
  });

  it("lists a node's steps among one version's runs only when a version is asked for", async () => {
    const { store } = context;
    await save(
      store,
      [run({ id: 'run_1', customerId: 'cus_a' }), run({ id: 'run_2', customerId: 'cus_b', version: 2 })],
      [step('run_1', 0, { nodeId: 'hook', at: at(10) }), step('run_2', 0, { nodeId: 'hook', at: at(20) })],
    );
    const of = (version: number | null) =>
      store.runs
        .nodeActivity({ scenarioId: 'scn_1', nodeId: 'hook', limit: 10, version })
        .then((found) => found.map((item) => `${item.customerId} v${item.runVersion}`));
    expect(await of(null)).toEqual(['cus_b v2', 'cus_a v1']);
    expect(await of(2)).toEqual(['cus_b v2']);
    expect(await of(1)).toEqual(['cus_a v1']);
    expect(await of(3)).toEqual([]);
  });
}
