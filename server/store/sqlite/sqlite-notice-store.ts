import type { DatabaseSync } from 'node:sqlite';
import { newOrderedId } from '../../ids.ts';
import type {
  DeliveryLogQuery,
  ExpandOptions,
  FinishAttemptOptions,
  LeaseOptions,
  ReplayOptions,
  HealthChange,
  NoticeDraft,
  NoticeRecord,
  NoticeStore,
  SubscriptionDeliveryRecord,
} from '../ports/notice-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { inTransaction } from './transaction.ts';

type NoticeRow = { id: string; type: string; at: number; customer_id: string | null; properties: string };

type DeliveryRow = {
  id: string;
  subscription_id: string;
  notice_id: string;
  event_type: string;
  customer_id: string | null;
  request: string;
  status: SubscriptionDeliveryRecord['status'];
  attempts: string;
  attempt_count: number;
  available_at: number;
  lease_until: number | null;
  test: number;
  created_at: string;
  updated_at: string;
};

const toNotice = (row: NoticeRow): NoticeRecord => ({
  id: row.id,
  type: row.type,
  at: row.at,
  customerId: row.customer_id,
  properties: JSON.parse(row.properties),
});

const toDelivery = (row: DeliveryRow): SubscriptionDeliveryRecord => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  noticeId: row.notice_id,
  eventType: row.event_type,
  customerId: row.customer_id,
  request: JSON.parse(row.request),
  status: row.status,
  attempts: JSON.parse(row.attempts),
  attemptCount: row.attempt_count,
  availableAt: row.available_at,
  leaseUntil: row.lease_until,
  test: row.test === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Inserts notices in the caller's transaction, ids in the order given (one customer's stay in order). */
export function insertNotices(db: DatabaseSync, drafts: readonly NoticeDraft[]): void {
  const statement = prepareCached(
    db,
    'INSERT INTO notices (id, type, at, customer_id, properties) VALUES (?, ?, ?, ?, ?)',
  );
  for (const draft of drafts) {
    statement.run(
      newOrderedId('ntc', draft.at),
      draft.type,
      draft.at,
      draft.customerId,
      JSON.stringify(draft.properties),
    );
  }
}

function insertDelivery(db: DatabaseSync, delivery: SubscriptionDeliveryRecord): void {
  prepareCached(
    db,
    `INSERT INTO subscription_deliveries (id, subscription_id, notice_id, event_type, customer_id, order_key, request,
       status, attempts, attempt_count, available_at, lease_until, test, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    delivery.id,
    delivery.subscriptionId,
    delivery.noticeId,
    delivery.eventType,
    delivery.customerId,
    // Events without a customer have no order to keep: each is its own key.
    delivery.customerId ?? delivery.id,
    JSON.stringify(delivery.request),
    delivery.status,
    JSON.stringify(delivery.attempts),
    delivery.attemptCount,
    delivery.availableAt,
    delivery.leaseUntil,
    delivery.test ? 1 : 0,
    delivery.createdAt,
    delivery.updatedAt,
  );
}

/** Applies an attempt's health change to its subscription (in the caller's transaction); true when it disabled it. */
function applyHealth(db: DatabaseSync, subscriptionId: string, change: HealthChange): boolean {
  if (change.success) {
    prepareCached(
      db,
      `UPDATE subscriptions SET consecutive_failures = 0, failing_since = NULL, last_alert_at = NULL, last_success_at = ?,
         disabled_at = CASE WHEN ? THEN NULL ELSE disabled_at END
       WHERE id = ?`,
    ).run(change.now, change.reenable ? 1 : 0, subscriptionId);
    return false;
  }
  const row = prepareCached(
    db,
    // Disabling also clears the last alert's time: the "disabled" alert goes at once.
    `UPDATE subscriptions SET consecutive_failures = consecutive_failures + 1, last_error = :error, last_failure_at = :now,
       failing_since = CASE WHEN failing_since IS NULL AND (:gaveUp OR consecutive_failures + 1 >= :after) THEN :now
         ELSE failing_since END,
       disabled_at = CASE WHEN disabled_at IS NULL AND consecutive_failures + 1 >= :after THEN :now ELSE disabled_at END,
       last_alert_at = CASE WHEN disabled_at IS NULL AND consecutive_failures + 1 >= :after THEN NULL ELSE last_alert_at END
     WHERE id = :id
     RETURNING disabled_at = :now AS disabled_now`,
  ).get({
    error: change.error,
    now: change.now,
    gaveUp: change.gaveUp ? 1 : 0,
    after: change.disableAfter,
    id: subscriptionId,
  }) as { disabled_now: number } | undefined;
  const disabled = row?.disabled_now === 1;
  return disabled;
}

/**
 * Due deliveries a claim looks at, oldest first. Enough for the rows held back by their
 * customer's order (a customer has one in flight at most, a process 16) to leave plenty to claim.
 */
const CLAIM_WINDOW = 500;

export class SqliteNoticeStore implements NoticeStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async claimNotices(options: LeaseOptions): Promise<NoticeRecord[]> {
    const rows = prepareCached(
      this.db,
      `UPDATE notices SET lease_until = :until, lease_owner = :owner
       WHERE id IN (SELECT id FROM notices WHERE lease_until IS NULL OR lease_until <= :now
         OR lease_owner NOT IN (SELECT id FROM processes WHERE heartbeat_at > :live) ORDER BY id LIMIT :limit)
       RETURNING id, type, at, customer_id, properties`,
    ).all({
      until: options.now + options.leaseMs,
      owner: options.owner,
      now: options.now,
      live: options.liveSince,
      limit: options.limit,
    }) as NoticeRow[];
    return rows.map(toNotice).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async expand(options: ExpandOptions): Promise<number> {
    return inTransaction(this.db, () => {
      const removed = prepareCached(
        this.db,
        `DELETE FROM notices WHERE id IN (SELECT value FROM json_each(?)) AND lease_owner = ? RETURNING id`,
      ).all(JSON.stringify(options.noticeIds), options.owner) as { id: string }[];
      const ours = new Set(removed.map((row) => row.id));
      // A subscription deleted since the notice was read takes its deliveries with it.
      const exists = prepareCached(this.db, 'SELECT 1 FROM subscriptions WHERE id = ?');
      for (const delivery of options.deliveries) {
        if (ours.has(delivery.noticeId) && exists.get(delivery.subscriptionId))
          insertDelivery(this.db, delivery);
      }
      const skip = prepareCached(this.db, 'UPDATE subscriptions SET skipped = skipped + ? WHERE id = ?');
      for (const [id, count] of Object.entries(options.skipped)) if (count > 0) skip.run(count, id);
      return ours.size;
    });
  }

  async claimDeliveries(
    options: LeaseOptions & { subscriptionIds: readonly string[] },
  ): Promise<SubscriptionDeliveryRecord[]> {
    if (options.subscriptionIds.length === 0) return [];
    // One statement: SQLite serialises writers, so two processes never lease the same row. A
    // delivery waits while an older one of its customer is being sent (or, its sender dead, is
    // due again) or has not been tried yet. A subscription whose last calls failed gets one call
    // at a time (a probe) until one succeeds. Only the head of the due ones (CLAIM_WINDOW, in
    // claim order, by index) is looked at, plus the leased ones: a claim costs the same with a
    // backlog of a million as of ten, and holds the write lock that long only.
    const rows = prepareCached(
      this.db,
      `WITH live AS (SELECT id FROM processes WHERE heartbeat_at > :live),
       due AS MATERIALIZED (
         SELECT * FROM (
           SELECT d.id, d.subscription_id, d.order_key, d.available_at FROM subscription_deliveries d
           WHERE d.status = 'pending' AND d.available_at <= :now
             AND d.subscription_id IN (SELECT value FROM json_each(:subscriptions))
           ORDER BY d.available_at, d.id LIMIT :window)
         UNION ALL
         SELECT d.id, d.subscription_id, d.order_key, d.available_at FROM subscription_deliveries d
         WHERE d.status = 'sending' AND (d.lease_until <= :now OR d.lease_owner NOT IN (SELECT id FROM live))
           AND d.subscription_id IN (SELECT value FROM json_each(:subscriptions)))
       UPDATE subscription_deliveries SET status = 'sending', lease_until = :until, lease_owner = :owner
       WHERE id IN (
         SELECT due.id FROM due
         WHERE NOT EXISTS (SELECT 1 FROM subscription_deliveries e
             WHERE e.subscription_id = due.subscription_id AND e.order_key = due.order_key AND e.id < due.id
               AND ((e.status = 'pending' AND e.attempt_count = 0) OR e.status = 'sending'))
           AND (NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = due.subscription_id AND s.consecutive_failures > 0)
             OR (NOT EXISTS (SELECT 1 FROM subscription_deliveries f WHERE f.subscription_id = due.subscription_id
                   AND f.status = 'sending' AND f.id NOT IN (SELECT id FROM due))
               AND due.id = (SELECT first.id FROM due first WHERE first.subscription_id = due.subscription_id
                   ORDER BY first.available_at, first.id LIMIT 1)))
         ORDER BY due.available_at, due.id LIMIT :limit)
       RETURNING *`,
    ).all({
      until: options.now + options.leaseMs,
      owner: options.owner,
      live: options.liveSince,
      subscriptions: JSON.stringify(options.subscriptionIds),
      now: options.now,
      limit: options.limit,
      window: Math.max(CLAIM_WINDOW, options.limit),
    }) as DeliveryRow[];
    return rows.map(toDelivery).sort((a, b) => a.availableAt - b.availableAt || (a.id < b.id ? -1 : 1));
  }

  async release(owner: string): Promise<void> {
    inTransaction(this.db, () => {
      prepareCached(
        this.db,
        'UPDATE notices SET lease_until = NULL, lease_owner = NULL WHERE lease_owner = ?',
      ).run(owner);
      prepareCached(
        this.db,
        `UPDATE subscription_deliveries SET status = 'pending', lease_until = NULL, lease_owner = NULL
         WHERE status = 'sending' AND lease_owner = ?`,
      ).run(owner);
    });
  }

  async finishAttempt(options: FinishAttemptOptions): Promise<{ disabled: boolean } | null> {
    const { id, owner, attempt, outcome, health } = options;
    return inTransaction(this.db, () => {
      const row = prepareCached(
        this.db,
        `UPDATE subscription_deliveries SET status = ?, available_at = COALESCE(?, available_at), lease_until = NULL,
           lease_owner = NULL, attempt_count = attempt_count + 1, attempts = json_insert(attempts, '$[#]', json(?)),
           updated_at = ?
         WHERE id = ? AND status = 'sending' AND lease_owner = ?
         RETURNING subscription_id`,
      ).get(
        outcome.kind === 'retry' ? 'pending' : outcome.kind,
        outcome.kind === 'retry' ? outcome.at : null,
        JSON.stringify(attempt),
        health.now,
        id,
        owner,
      ) as { subscription_id: string } | undefined;
      if (!row) return null;
      return { disabled: applyHealth(this.db, row.subscription_id, health) };
    });
  }

  async recordTest(delivery: SubscriptionDeliveryRecord, health?: HealthChange): Promise<void> {
    inTransaction(this.db, () => {
      insertDelivery(this.db, delivery);
      if (health) applyHealth(this.db, delivery.subscriptionId, health);
    });
  }

  async getDelivery(id: string): Promise<SubscriptionDeliveryRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM subscription_deliveries WHERE id = ?').get(id) as
      DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  async listDeliveries(query: DeliveryLogQuery): Promise<SubscriptionDeliveryRecord[]> {
    const rows = prepareCached(
      this.db,
      `SELECT * FROM subscription_deliveries
       WHERE subscription_id = :subscription AND (:status IS NULL OR status = :status)
         AND (:from IS NULL OR created_at >= :from) AND (:to IS NULL OR created_at < :to)
         AND (:before IS NULL OR id < :before)
       ORDER BY id DESC LIMIT :limit`,
    ).all({
      subscription: query.subscriptionId,
      status: query.status ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      before: query.before ?? null,
      limit: query.limit,
    }) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  async replay(options: ReplayOptions): Promise<string[]> {
    const rows = prepareCached(
      this.db,
      `UPDATE subscription_deliveries SET status = 'pending', available_at = :now, attempt_count = 0, updated_at = :at
       WHERE subscription_id = :subscription
         AND (CASE WHEN :ids IS NULL
               THEN status = 'failed' AND created_at >= :from AND created_at < :to
               ELSE status IN ('done', 'failed') AND id IN (SELECT value FROM json_each(:ids)) END)
       RETURNING id`,
    ).all({
      now: options.now,
      at: new Date(options.now).toISOString(),
      subscription: options.subscriptionId,
      ids: options.ids ? JSON.stringify(options.ids) : null,
      from: options.range?.from ?? null,
      to: options.range?.to ?? null,
    }) as { id: string }[];
    return rows.map((row) => row.id).sort();
  }
}
