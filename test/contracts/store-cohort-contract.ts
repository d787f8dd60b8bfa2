import { expect, it } from 'vitest';
import { memberRunId } from '../../server/store/cohort-members.ts';
import type { CohortRecord } from '../../server/store/ports/cohort-store.ts';
import type { CohortCommit } from '../../server/store/ports/store.ts';
import type { StoreContext } from './store-context.ts';
import { at, change, delivery, run } from './store-fixtures.ts';

/** A run id as the server makes them (`newId('run', …)`), so member ids sort among runs. */
const COHORT_ID = 'run_0hv4c0000000000000000000a';

const cohort = (overrides: Partial<CohortRecord> = {}): CohortRecord => ({
  id: COHORT_ID,
  scenarioId: 'scn_1',
  version: 1,
  triggerNodeId: 'when',
  customerIds: ['c-1', 'c-2', 'c-3'],
  status: 'running',
  nodeId: 'bulk',
  visit: 2,
  steps: [
    { at: at(1), nodeId: 'when', kind: 'entered', detail: {} },
    { at: at(1), nodeId: 'bulk', kind: 'entered', detail: {} },
  ],
  rev: 1,
  createdAt: at(1),
  updatedAt: at(1),
  ...overrides,
});

const inserted = (record: CohortRecord, overrides: Partial<CohortCommit> = {}): CohortCommit => ({
  cohort: record,
  expectedRev: null,
  addedSteps: record.steps.length,
  deliveries: [],
  ...overrides,
});

/** `CohortStore` and what the run store answers for cohort members. */
export function storeCohortContract(context: StoreContext): void {
  it('saves a cohort with its request, and answers for its members as runs', async () => {
    const { store } = context;
    const request = delivery({ id: 'dlv_c', runId: memberRunId(COHORT_ID, 0), cohortId: COHORT_ID });
    await store.commit({ cohorts: [inserted(cohort(), { deliveries: [request] })], now: at(1) });
    expect(await store.cohorts.get(COHORT_ID)).toEqual(cohort());
    expect(await store.deliveries.get('dlv_c')).toEqual(request);

    const second = memberRunId(COHORT_ID, 1);
    expect(await store.runs.get(second)).toMatchObject({
      id: second,
      scenarioId: 'scn_1',
      version: 1,
      customerId: 'c-2',
      status: 'running',
      nodeId: 'bulk',
      stepCount: 2,
    });
    expect(await store.runs.steps(second)).toEqual([
      { runId: second, seq: 0, at: at(1), nodeId: 'when', kind: 'entered', detail: {} },
      { runId: second, seq: 1, at: at(1), nodeId: 'bulk', kind: 'entered', detail: {} },
    ]);
    expect(await store.runs.get(memberRunId(COHORT_ID, 3))).toBeNull();
    expect(await store.runs.nodeStats('scn_1', 1)).toEqual({
      when: { entered: 3, waiting: 0, succeeded: 3, failed: 0 },
      bulk: { entered: 3, waiting: 3, succeeded: 0, failed: 0 },
    });
  });

  it('lists members among runs, newest first, through every filter and page', async () => {
    const { store } = context;
    const older = run({ id: 'run_0hv4b0000000000000000000a', scenarioId: 'scn_1' });
    const newer = run({ id: 'run_0hv4d0000000000000000000a', scenarioId: 'scn_1', status: 'completed' });
    await store.commit({ runs: [change(older), change(newer)], cohorts: [inserted(cohort())], now: at(1) });
    const ids = (runs: { id: string }[]) => runs.map((found) => found.id);
    const members = [2, 1, 0].map((index) => memberRunId(COHORT_ID, index));
    expect(ids(await store.runs.list({ limit: 10 }))).toEqual([newer.id, ...members, older.id]);
    expect(ids(await store.runs.list({ limit: 2, before: members[0] }))).toEqual(members.slice(1));
    expect(ids(await store.runs.list({ limit: 10, status: 'completed' }))).toEqual([newer.id]);
    expect(ids(await store.runs.list({ limit: 10, scenarioId: 'scn_other' }))).toEqual([]);
    const activity = await store.runs.nodeActivity({
      scenarioId: 'scn_1',
      nodeId: 'bulk',
      limit: 2,
      version: null,
    });
    expect(activity.map((step) => [step.runId, step.customerId, step.runStatus])).toEqual([
      [members[0], 'c-3', 'running'],
      [members[1], 'c-2', 'running'],
    ]);
  });

  it('moves a cohort only at its expected revision, counting its new steps once per member', async () => {
    const { store } = context;
    await store.commit({ cohorts: [inserted(cohort())], now: at(1) });
    const done = cohort({
      status: 'completed',
      nodeId: null,
      rev: 2,
      steps: [
        ...cohort().steps,
        { at: at(2), nodeId: 'bulk', kind: 'webhook', detail: { deliveryId: 'dlv_c' } },
        { at: at(2), nodeId: null, kind: 'completed', detail: {} },
      ],
    });
    const stale = await store.commit({
      cohorts: [inserted(done, { expectedRev: 7, addedSteps: 2 })],
      now: at(2),
    });
    expect(stale.conflicts).toEqual([COHORT_ID]);
    expect((await store.cohorts.get(COHORT_ID))?.rev).toBe(1);
    await store.commit({ cohorts: [inserted(done, { expectedRev: 1, addedSteps: 2 })], now: at(2) });
    expect(await store.runs.get(memberRunId(COHORT_ID, 0))).toMatchObject({
      status: 'completed',
      nodeId: null,
    });
    expect((await store.runs.nodeStats('scn_1', null))['bulk']).toEqual({
      entered: 3,
      waiting: 0,
      succeeded: 3,
      failed: 0,
    });
  });

  it('stops speaking for members once they are runs of their own, whose shared history is not counted again', async () => {
    const { store } = context;
    await store.commit({ cohorts: [inserted(cohort())], now: at(1) });
    const member = memberRunId(COHORT_ID, 0);
    const own = run({ id: member, scenarioId: 'scn_1', customerId: 'c-1', stepCount: 2 });
    const copiedSteps = cohort().steps.map((step, seq) => ({ ...step, runId: member, seq }));
    await store.commit({
      runs: [change(own, { copiedSteps })],
      cohorts: [
        inserted(cohort({ status: 'split', nodeId: null, rev: 2 }), { expectedRev: 1, addedSteps: 0 }),
      ],
      now: at(2),
    });
    expect(await store.runs.get(member)).toEqual(own);
    expect((await store.runs.steps(member)).map((step) => step.kind)).toEqual(['entered', 'entered']);
    expect(await store.runs.get(memberRunId(COHORT_ID, 1))).toBeNull();
    expect((await store.runs.list({ limit: 10 })).map((found) => found.id)).toEqual([member]);
    expect((await store.runs.nodeStats('scn_1', 1))['when']?.entered).toBe(3);
  });
}
