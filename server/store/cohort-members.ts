import type { CohortRecord } from './ports/cohort-store.ts';
import type { NodeActivity, NodeActivityQuery, RunRecord, RunStepRecord } from './ports/run-store.ts';

/** Four digits: members of a cohort (at most a fan-out page, 1,000) sort by index within it. */
const INDEX_DIGITS = 4;
const MEMBER_ID = /^(run_[0-9a-v]+)\.(\d{4})$/;

/** The run id of a cohort's member: `<cohort id>.<index>`. */
export function memberRunId(cohortId: string, index: number): string {
  return `${cohortId}.${String(index).padStart(INDEX_DIGITS, '0')}`;
}

/** The cohort and index a member run id names, or null for any other id. */
export function parseMemberRunId(id: string): { cohortId: string; index: number } | null {
  const match = MEMBER_ID.exec(id);
  return match ? { cohortId: match[1]!, index: Number(match[2]) } : null;
}

/** The run a member is, as readers see runs (`status: 'split'` cohorts have runs of their own). */
export function memberRun(cohort: CohortRecord, index: number): RunRecord {
  const finished = cohort.status === 'completed' || cohort.status === 'failed';
  return {
    id: memberRunId(cohort.id, index),
    scenarioId: cohort.scenarioId,
    version: cohort.version,
    customerId: cohort.customerIds[index]!,
    eventId: null,
    status: finished ? (cohort.status as 'completed' | 'failed') : 'running',
    nodeId: finished ? null : cohort.nodeId,
    // Members are never resumed one by one: the cohort is.
    snapshot: { value: cohort.nodeId ?? '', context: null as never },
    rev: cohort.rev,
    stepCount: cohort.steps.length,
    wakeAt: null,
    wakeVisit: null,
    createdAt: cohort.createdAt,
    updatedAt: cohort.updatedAt,
    cohortId: cohort.id,
  };
}

/** A member's history: the cohort's shared steps under the member's run id. */
export function memberSteps(cohort: CohortRecord, index: number): RunStepRecord[] {
  const runId = memberRunId(cohort.id, index);
  return cohort.steps.map((step, seq) => ({ ...step, runId, seq }));
}

/** Members that still speak for their runs, newest first: indexes from the last. */
export function membersNewestFirst(cohort: CohortRecord): RunRecord[] {
  if (cohort.status === 'split') return [];
  return cohort.customerIds.map((_, index) => memberRun(cohort, cohort.customerIds.length - 1 - index));
}

/**
 * A node's activity among runs, with that of the newest cohorts' members added: newest first
 * (members share their steps' times; later members first), the first `limit`.
 */
export function withCohortActivity(
  ofRuns: readonly NodeActivity[],
  cohorts: readonly CohortRecord[],
  query: Pick<NodeActivityQuery, 'nodeId' | 'limit'>,
): NodeActivity[] {
  const ofMembers = cohorts.flatMap((cohort) => memberActivity(cohort, query.nodeId));
  if (ofMembers.length === 0) return [...ofRuns];
  const newer = (a: NodeActivity, b: NodeActivity) =>
    a.at !== b.at
      ? a.at < b.at
        ? 1
        : -1
      : a.runId !== b.runId
        ? a.runId < b.runId
          ? 1
          : -1
        : b.seq - a.seq;
  return [...ofRuns, ...ofMembers].sort(newer).slice(0, query.limit);
}

/** The steps at `nodeId` of a cohort's members, as the node panel lists activity. */
function memberActivity(cohort: CohortRecord, nodeId: string): NodeActivity[] {
  const activity: NodeActivity[] = [];
  for (const run of membersNewestFirst(cohort)) {
    const index = parseMemberRunId(run.id)!.index;
    for (const step of memberSteps(cohort, index)) {
      if (step.nodeId !== nodeId) continue;
      activity.push({ ...step, customerId: run.customerId, runStatus: run.status, runVersion: run.version });
    }
  }
  return activity;
}

/** Two lists sorted by id, newest first, merged into the first `limit`. */
export function newestFirst<T extends { id: string }>(a: readonly T[], b: readonly T[], limit: number): T[] {
  return [...a, ...b].sort((x, y) => (x.id < y.id ? 1 : x.id > y.id ? -1 : 0)).slice(0, limit);
}
