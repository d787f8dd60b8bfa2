import type { DatabaseSync } from 'node:sqlite';
import type { DeliveryRecord } from '../ports/delivery-store.ts';
import type { RunRecord, RunStepRecord } from '../ports/run-store.ts';
import type { CustomerNoticeWatch, CustomerWriteCause } from '../ports/notice-store.ts';
import type { CohortCommit, CommitBatch, CommitResult, DeliveryClose, RunChange } from '../ports/store.ts';
import { attributesOrigin, customerNotices, watching, type WriteOrigin } from '../customer-notices.ts';
import { dropBatchItems, insertBatchItem, takeBatchItems } from './sqlite-batch-item-store.ts';
import { advanceFanOut } from './sqlite-fan-out-store.ts';
import { insertNotices } from './sqlite-notice-store.ts';
import { stepCountDeltas } from '../fold-node-stats.ts';
import { prepareCached } from './prepare-cached.ts';
import { inTransaction } from './transaction.ts';

/** Applies a commit batch in one transaction (see `Store.commit`). */
export function sqliteCommit(db: DatabaseSync, batch: CommitBatch): CommitResult {
  return inTransaction(db, () => {
    if (batch.fanOutPage && !advanceFanOut(db, batch.fanOutPage))
      return { duplicateEvents: [], conflicts: [], staleFanOutPage: true };
    const watch = watching(batch.watch) ? batch.watch : undefined;
    const duplicateEvents = insertEvents(db, batch);
    const skipped = new Set(duplicateEvents);
    for (const customer of batch.customers ?? [])
      if (customer.eventId === undefined || !skipped.has(customer.eventId))
        mergeCustomer(db, { ...customer, now: batch.now, watch });
    const conflicts: string[] = [];
    const applied: RunChange[] = [];
    for (const change of batch.runs ?? []) {
      if (change.run.eventId !== null && change.expectedRev === null && skipped.has(change.run.eventId))
        continue;
      if (!writeRun(db, change)) {
        conflicts.push(change.run.id);
        continue;
      }
      applied.push(change);
      for (const step of change.copiedSteps ?? []) insertStep(db, step);
      for (const step of change.steps) insertStep(db, step);
      const notices = change.notices ?? [];
      const split = change.attributeNoticesAt ?? notices.length;
      insertNotices(db, notices.slice(0, split));
      if (change.customerAttributes) {
        mergeCustomer(db, {
          id: change.run.customerId,
          attributes: change.customerAttributes,
          source: 'set-attributes',
          now: batch.now,
          watch,
          origin: attributesOrigin(change),
        });
      }
      insertNotices(db, notices.slice(split));
      for (const delivery of change.deliveries) insertDelivery(db, delivery);
      for (const item of change.batchItems ?? []) insertBatchItem(db, item);
      settleDeliveries(db, change);
    }
    const cohorts: CohortCommit[] = [];
    for (const change of batch.cohorts ?? []) {
      if (!writeCohort(db, change)) {
        conflicts.push(change.cohort.id);
        continue;
      }
      cohorts.push(change);
      for (const delivery of change.deliveries) insertDelivery(db, delivery);
      settleDeliveries(db, change);
    }
    addStepCounts(db, applied, cohorts);
    const staleBatches: string[] = [];
    for (const { delivery, itemIds } of batch.batches ?? []) {
      if (takeBatchItems(db, itemIds)) insertDelivery(db, delivery);
      else staleBatches.push(delivery.id);
    }
    if (batch.dropBatchItems?.length) dropBatchItems(db, batch.dropBatchItems);
    for (const delivery of batch.closeDeliveries ?? []) closeDelivery(db, delivery);
    return { duplicateEvents, conflicts, ...(staleBatches.length > 0 ? { staleBatches } : {}) };
  });
}

/** Closes the delivery that produced a change, or puts it back to be sent again. */
function settleDeliveries(
  db: DatabaseSync,
  change: Pick<RunChange, 'closeDelivery' | 'retryDelivery'>,
): void {
  if (change.closeDelivery) closeDelivery(db, change.closeDelivery);
  if (change.retryDelivery) {
    prepareCached(
      db,
      `UPDATE deliveries SET status = 'pending', available_at = ?, lease_until = NULL, owner = NULL WHERE id = ?`,
    ).run(change.retryDelivery.availableAt, change.retryDelivery.id);
  }
}

/** Inserts or updates a cohort under optimistic concurrency; false when another change saved first. */
function writeCohort(db: DatabaseSync, { cohort, expectedRev }: CohortCommit): boolean {
  const values = [cohort.status, cohort.nodeId, JSON.stringify(cohort.steps), cohort.rev, cohort.updatedAt];
  if (expectedRev === null) {
    const { changes } = prepareCached(
      db,
      `INSERT INTO cohorts (status, node_id, steps, rev, updated_at, id, scenario_id, version, trigger_node_id,
         customer_ids, member_count, visit, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(
      ...values,
      cohort.id,
      cohort.scenarioId,
      cohort.version,
      cohort.triggerNodeId,
      JSON.stringify(cohort.customerIds),
      cohort.customerIds.length,
      cohort.visit,
      cohort.createdAt,
    );
    return Number(changes) === 1;
  }
  const { changes } = prepareCached(
    db,
    'UPDATE cohorts SET status = ?, node_id = ?, steps = ?, rev = ?, updated_at = ? WHERE id = ? AND rev = ?',
  ).run(...values, cohort.id, expectedRev);
  return Number(changes) === 1;
}

function addStepCounts(db: DatabaseSync, applied: RunChange[], cohorts: CohortCommit[]): void {
  const statement = prepareCached(
    db,
    `INSERT INTO step_counts (scenario_id, version, node_id, kind, failed, n) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  );
  for (const delta of stepCountDeltas(applied, cohorts))
    statement.run(delta.scenarioId, delta.version, delta.node, delta.kind, delta.failed ? 1 : 0, delta.n);
}

function closeDelivery(db: DatabaseSync, delivery: DeliveryClose): void {
  prepareCached(
    db,
    'UPDATE deliveries SET status = ?, error = ?, lease_until = NULL, owner = NULL WHERE id = ?',
  ).run(delivery.status, delivery.error ?? null, delivery.id);
}

/** A customer write of a commit: a shallow merge and why it happened. */
type CustomerMerge = { id: string; attributes: Record<string, unknown> } & CustomerWriteCause & {
    now: string;
    watch: CustomerNoticeWatch | undefined;
    origin?: WriteOrigin;
  };

/**
 * Shallow merge: top-level keys replace, nested objects are not merged, null is kept as null.
 * When customer events are watched, the stored customer is read first and the events the write
 * causes are saved with it.
 */
function mergeCustomer(db: DatabaseSync, merge: CustomerMerge): void {
  const { id, attributes, now, watch } = merge;
  const empty = Object.keys(attributes).length === 0;
  if (!watch && empty) {
    prepareCached(
      db,
      `INSERT INTO customers (id, attributes, created_at, updated_at) VALUES (?, '{}', ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(id, now, now);
    return;
  }
  const row = prepareCached(db, 'SELECT attributes, created_at, returned_at FROM customers WHERE id = ?').get(
    id,
  ) as { attributes: string; created_at: string; returned_at: number | null } | undefined;
  const before = row ? (JSON.parse(row.attributes) as Record<string, unknown>) : {};
  const merged = empty ? before : { ...before, ...attributes };
  if (!row || !empty) {
    prepareCached(
      db,
      `INSERT INTO customers (id, attributes, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at`,
    ).run(id, JSON.stringify(merged), now, now);
  }
  if (!watch) return;
  const stored = row ? { attributes: before, createdAt: row.created_at, returnedAt: row.returned_at } : null;
  const { notices, returnedAt } = customerNotices({
    watch,
    id,
    before: stored,
    after: merged,
    cause: merge,
    ...(merge.origin ? { origin: merge.origin } : {}),
  });
  if (returnedAt !== null)
    prepareCached(db, 'UPDATE customers SET returned_at = ? WHERE id = ?').run(returnedAt, id);
  insertNotices(db, notices);
}

function insertEvents(db: DatabaseSync, batch: CommitBatch): string[] {
  const duplicates: string[] = [];
  const statement = prepareCached(
    db,
    `INSERT INTO events (id, customer_id, type, timestamp, properties, received_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  for (const event of batch.events ?? []) {
    const { changes } = statement.run(
      event.id,
      event.customerId,
      event.type,
      event.timestamp,
      JSON.stringify(event.properties),
      event.receivedAt,
    );
    if (Number(changes) === 0) duplicates.push(event.id);
  }
  return duplicates;
}

/** Inserts or updates under optimistic concurrency; false when another step saved first. */
function writeRun(db: DatabaseSync, change: RunChange): boolean {
  const run: RunRecord = change.run;
  const values = [
    run.status,
    run.nodeId,
    JSON.stringify(run.snapshot),
    run.rev,
    run.stepCount,
    run.wakeAt,
    run.wakeVisit,
    run.updatedAt,
  ];
  if (change.expectedRev === null) {
    const { changes } = prepareCached(
      db,
      `INSERT INTO runs (status, node_id, snapshot, rev, step_count, wake_at, wake_visit, updated_at,
         id, scenario_id, version, customer_id, event_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(...values, run.id, run.scenarioId, run.version, run.customerId, run.eventId, run.createdAt);
    return Number(changes) === 1;
  }
  const { changes } = prepareCached(
    db,
    `UPDATE runs SET status = ?, node_id = ?, snapshot = ?, rev = ?, step_count = ?, wake_at = ?, wake_visit = ?, updated_at = ?
     WHERE id = ? AND rev = ?`,
  ).run(...values, run.id, change.expectedRev);
  return Number(changes) === 1;
}

function insertStep(db: DatabaseSync, step: RunStepRecord): void {
  prepareCached(
    db,
    'INSERT INTO run_steps (run_id, seq, at, node_id, kind, detail) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(step.runId, step.seq, step.at, step.nodeId, step.kind, JSON.stringify(step.detail));
}

function insertDelivery(db: DatabaseSync, delivery: DeliveryRecord): void {
  prepareCached(
    db,
    `INSERT INTO deliveries (id, run_id, node_id, visit, request, timeout_ms, response_format, retry, status, attempts,
       available_at, lease_until, created_at, integration_id, policy_id, batch_runs, priority, owner, cohort_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    delivery.id,
    delivery.runId,
    delivery.nodeId,
    delivery.visit,
    JSON.stringify(delivery.request),
    delivery.timeoutMs,
    delivery.responseFormat,
    JSON.stringify(delivery.retry),
    delivery.status,
    delivery.attempts,
    delivery.availableAt,
    delivery.leaseUntil,
    delivery.createdAt,
    delivery.integrationId,
    delivery.policyId,
    delivery.batchRuns === null ? null : JSON.stringify(delivery.batchRuns),
    delivery.priority,
    delivery.owner,
    delivery.cohortId,
  );
}
