import type { CohortRecord } from '../ports/cohort-store.ts';
import type { DeliveryRecord } from '../ports/delivery-store.ts';
import type { RunRecord, RunStepRecord } from '../ports/run-store.ts';

export type RunRow = {
  id: string;
  scenario_id: string;
  version: number;
  customer_id: string;
  event_id: string | null;
  status: string;
  node_id: string | null;
  snapshot: string;
  rev: number;
  step_count: number;
  wake_at: number | null;
  wake_visit: number | null;
  created_at: string;
  updated_at: string;
};

export const toRun = (row: RunRow): RunRecord => ({
  id: row.id,
  scenarioId: row.scenario_id,
  version: row.version,
  customerId: row.customer_id,
  eventId: row.event_id,
  status: row.status as RunRecord['status'],
  nodeId: row.node_id,
  snapshot: JSON.parse(row.snapshot),
  rev: row.rev,
  stepCount: row.step_count,
  wakeAt: row.wake_at,
  wakeVisit: row.wake_visit,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type StepRow = {
  run_id: string;
  seq: number;
  at: string;
  node_id: string | null;
  kind: string;
  detail: string;
};

export const toStep = (row: StepRow): RunStepRecord => ({
  runId: row.run_id,
  seq: row.seq,
  at: row.at,
  nodeId: row.node_id,
  kind: row.kind as RunStepRecord['kind'],
  detail: JSON.parse(row.detail),
});

export type DeliveryRow = {
  id: string;
  run_id: string;
  node_id: string;
  visit: number;
  request: string;
  timeout_ms: number;
  response_format: string;
  retry: string;
  integration_id: string | null;
  policy_id: string | null;
  batch_runs: string | null;
  cohort_id: string | null;
  priority: string;
  status: string;
  attempts: number;
  available_at: number;
  lease_until: number | null;
  owner: string | null;
  created_at: string;
};

export const toDelivery = (row: DeliveryRow): DeliveryRecord => ({
  id: row.id,
  runId: row.run_id,
  nodeId: row.node_id,
  visit: row.visit,
  batchRuns: row.batch_runs === null ? null : JSON.parse(row.batch_runs),
  cohortId: row.cohort_id,
  request: JSON.parse(row.request),
  timeoutMs: row.timeout_ms,
  responseFormat: row.response_format as DeliveryRecord['responseFormat'],
  retry: JSON.parse(row.retry),
  integrationId: row.integration_id,
  policyId: row.policy_id,
  priority: row.priority as DeliveryRecord['priority'],
  status: row.status as DeliveryRecord['status'],
  attempts: row.attempts,
  availableAt: row.available_at,
  leaseUntil: row.lease_until,
  owner: row.owner,
  createdAt: row.created_at,
});

export type CohortRow = {
  id: string;
  scenario_id: string;
  version: number;
  trigger_node_id: string;
  customer_ids: string;
  member_count: number;
  status: string;
  node_id: string | null;
  visit: number;
  steps: string;
  rev: number;
  created_at: string;
  updated_at: string;
};

export const toCohort = (row: CohortRow): CohortRecord => ({
  id: row.id,
  scenarioId: row.scenario_id,
  version: row.version,
  triggerNodeId: row.trigger_node_id,
  customerIds: JSON.parse(row.customer_ids),
  status: row.status as CohortRecord['status'],
  nodeId: row.node_id,
  visit: row.visit,
  steps: JSON.parse(row.steps),
  rev: row.rev,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
