import type { RunStepRecord } from './run-store.ts';

/**
 * Customers of one fan-out page who take the same path through a version, saved as one record
 * until their paths part: a broadcast to a million customers through trigger → batch webhook is
 * a thousand cohorts, not a million runs. Each member is still a run to every reader (`RunStore`
 * answers `get`, `list`, `steps`, node figures and activity for it, under the id
 * `memberRunId(cohort.id, index)`); when the path after the cohort's node depends on the
 * customer, the members are saved as runs of their own (`status: 'split'`).
 */
export interface CohortRecord {
  /** A run id (`run_…`): members are `<id>.<index>`, so they list among runs by creation. */
  id: string;
  scenarioId: string;
  version: number;
  triggerNodeId: string;
  /** The members, in order: member `index` is `customerIds[index]`. */
  customerIds: string[];
  /** `split`: the members were saved as runs of their own and the cohort no longer speaks for them. */
  status: 'running' | 'completed' | 'failed' | 'split';
  /** The node the members stand on (the batch webhook); null once finished or split. */
  nodeId: string | null;
  /** The visit of that node every member is at (results for other visits are stale). */
  visit: number;
  /** The history every member shares, in order (a member's `seq` is the index). */
  steps: Omit<RunStepRecord, 'runId' | 'seq'>[];
  /** Optimistic-concurrency revision, +1 on every saved change. */
  rev: number;
  createdAt: string;
  updatedAt: string;
}

/** A cohort inserted (`expectedRev` null) or changed, in `Store.commit` (see `CommitBatch.cohorts`). */
export interface CohortChange {
  cohort: CohortRecord;
  expectedRev: number | null;
}

/** Cohorts by id. Written only through `Store.commit`; read by the cohort stepper and the run store. */
export interface CohortStore {
  get(id: string): Promise<CohortRecord | null>;
}
