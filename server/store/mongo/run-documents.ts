import type { RunRecord, RunStepRecord } from '../ports/run-store.ts';
import { plainJson } from './plain-json.ts';

export interface RunDocument {
  _id: string;
  scenarioId: string;
  version: number;
  customerId: string;
  eventId: string | null;
  status: RunRecord['status'];
  nodeId: string | null;
  snapshot: RunRecord['snapshot'];
  rev: number;
  stepCount: number;
  wakeAt: number | null;
  wakeVisit: number | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * One history step. It also carries its run's scenario and version, and whether it records a
 * failure, so the editor's per-node figures are one indexed aggregation with no join.
 */
export interface StepDocument {
  runId: string;
  seq: number;
  at: string;
  nodeId: string | null;
  kind: RunStepRecord['kind'];
  detail: Record<string, unknown>;
  scenarioId: string;
  version: number;
  failed: boolean;
}

/** A per-node step counter (see `stepCountDeltas`), one per (scenario version, node, kind, failed). */
export interface StepCountDocument {
  scenarioId: string;
  version: number;
  node: string;
  kind: string;
  failed: boolean;
  n: number;
}

/** The fields a saved step may change; the rest is the run's identity, fixed at insert. */
export const runState = (run: RunRecord) => ({
  status: run.status,
  nodeId: run.nodeId,
  snapshot: plainJson(run.snapshot),
  rev: run.rev,
  stepCount: run.stepCount,
  wakeAt: run.wakeAt,
  wakeVisit: run.wakeVisit,
  updatedAt: run.updatedAt,
});

export const runDocument = (run: RunRecord): RunDocument => ({
  _id: run.id,
  scenarioId: run.scenarioId,
  version: run.version,
  customerId: run.customerId,
  eventId: run.eventId,
  ...runState(run),
  createdAt: run.createdAt,
});

export const toRun = (doc: RunDocument): RunRecord => ({
  id: doc._id,
  scenarioId: doc.scenarioId,
  version: doc.version,
  customerId: doc.customerId,
  eventId: doc.eventId,
  status: doc.status,
  nodeId: doc.nodeId,
  snapshot: doc.snapshot,
  rev: doc.rev,
  stepCount: doc.stepCount,
  wakeAt: doc.wakeAt,
  wakeVisit: doc.wakeVisit,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

export function stepDocument(step: RunStepRecord, run: RunRecord): StepDocument {
  const detail = plainJson(step.detail);
  return {
    runId: step.runId,
    seq: step.seq,
    at: step.at,
    nodeId: step.nodeId,
    kind: step.kind,
    detail,
    scenarioId: run.scenarioId,
    version: run.version,
    // Same test as the SQLite adapter's `json_extract(detail, '$.error') IS NOT NULL`.
    failed: detail['error'] != null,
  };
}

export const toStep = (doc: StepDocument): RunStepRecord => ({
  runId: doc.runId,
  seq: doc.seq,
  at: doc.at,
  nodeId: doc.nodeId,
  kind: doc.kind,
  detail: doc.detail,
});
