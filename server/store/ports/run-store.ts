import type { PersistedRunSnapshot, RunStatus } from '../../../engine/run/index.ts';

/** One customer on one scenario version. */
export interface RunRecord {
  id: string;
  scenarioId: string;
  version: number;
  customerId: string;
  eventId: string | null;
  status: RunStatus;
  /** The node the run stands on; null once finished. */
  nodeId: string | null;
  snapshot: PersistedRunSnapshot;
  /** Optimistic-concurrency revision, +1 on every saved step. */
  rev: number;
  /** Number of history steps recorded so far (the next step's seq). */
  stepCount: number;
  /** When a waiting run must wake (epoch ms), else null. */
  wakeAt: number | null;
  /** The visit its wake belongs to (a WAKE for another visit is stale). */
  wakeVisit: number | null;
  createdAt: string;
  updatedAt: string;
  /** Set on a member of a cohort that moves as one record (see CohortRecord): it cannot step alone. */
  cohortId?: string;
}

/** One entry of a run's history. */
export interface RunStepRecord {
  runId: string;
  seq: number;
  at: string;
  nodeId: string | null;
  /** `retried`: the run was put back on a node it failed at (retry from the failed node). */
  kind: 'entered' | 'wait' | 'webhook' | 'attributes' | 'completed' | 'failed' | 'retried';
  detail: Record<string, unknown>;
}

export interface RunQuery {
  scenarioId?: string;
  status?: RunStatus;
  limit: number;
  /** Id of the last run of the previous page (runs are listed newest first). */
  before?: string;
}

/** How many runs passed through a node of one scenario version. */
export interface NodeStats {
  entered: number;
  /** Runs standing on the node now (waiting for a timer or a response). */
  waiting: number;
  succeeded: number;
  failed: number;
  /**
   * Runs that left the node by each output (`{ yes: 80, no: 20 }`, `{ success: 9, failure: 1 }`),
   * whether or not an edge leaves that output; absent until a run left the node.
   */
  branches?: Record<string, number>;
}

/** A history step at one node, with its run's customer, status and version (for the editor's node panel). */
export interface NodeActivity extends RunStepRecord {
  customerId: string;
  runStatus: RunRecord['status'];
  runVersion: number;
}

/** Which steps `RunStore.nodeActivity` lists: at one node, among one scenario's newest runs. */
export interface NodeActivityQuery {
  scenarioId: string;
  nodeId: string;
  limit: number;
  /** Only runs of this version; null for runs of every version. */
  version: number | null;
}

/** Runs and their history; written only through `Store.commit`. */
export interface RunStore {
  get(id: string): Promise<RunRecord | null>;
  list(query: RunQuery): Promise<RunRecord[]>;
  steps(runId: string): Promise<RunStepRecord[]>;
  /**
   * Per-node counts keyed by node id (nodes never entered are absent): of one scenario version,
   * or summed over all of its versions when `version` is null (node ids are stable across
   * versions, so a node keeps its figures when a new version is published).
   */
  nodeStats(scenarioId: string, version: number | null): Promise<Record<string, NodeStats>>;
  /** The newest steps at one node among the scenario's (or version's) most recent runs, newest first. */
  nodeActivity(query: NodeActivityQuery): Promise<NodeActivity[]>;
  /** Waiting runs whose wake time has come, earliest first (what the wake job resumes). */
  dueWakes(options: { now: number; limit: number }): Promise<{ runId: string; visit: number }[]>;
  /** The earliest wake time of any waiting run (to arm the wake job); null when none waits. */
  nextWakeAt(): Promise<number | null>;
}
