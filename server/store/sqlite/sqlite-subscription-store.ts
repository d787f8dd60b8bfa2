import type { DatabaseSync } from 'node:sqlite';
import type { SubscriptionInput } from '../../../engine/subscriptions/index.ts';
import type { SubscriptionRecord, SubscriptionStore } from '../ports/subscription-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { inTransaction } from './transaction.ts';

export type SubscriptionRow = {
  id: string;
  name: string;
  definition: string;
  consecutive_failures: number;
  disabled_at: string | null;
  failing_since: string | null;
  last_error: string | null;
  last_failure_at: string | null;
  last_success_at: string | null;
  skipped: number;
  last_alert_at: number | null;
  created_at: string;
  updated_at: string;
};

export const toSubscription = (row: SubscriptionRow): SubscriptionRecord => ({
  id: row.id,
  ...(JSON.parse(row.definition) as SubscriptionInput),
  health: {
    consecutiveFailures: row.consecutive_failures,
    disabledAt: row.disabled_at,
    failingSince: row.failing_since,
    lastError: row.last_error,
    lastFailureAt: row.last_failure_at,
    lastSuccessAt: row.last_success_at,
    skipped: row.skipped,
  },
  lastAlertAt: row.last_alert_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const STAMP_KEY = 'subscriptions-stamp';

/** Moves the stamp other processes poll; called inside the transaction of the change. */
export function bumpSubscriptionStamp(db: DatabaseSync): void {
  prepareCached(
    db,
    `INSERT INTO settings (key, value) VALUES (?, '1')
     ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
  ).run(STAMP_KEY);
}

/** What the user sets, as stored: the whole input (name included) as JSON. */
const definitionOf = (input: SubscriptionInput): string => JSON.stringify(input);

export class SqliteSubscriptionStore implements SubscriptionStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(record: SubscriptionRecord): Promise<void> {
    const { id, health, lastAlertAt, createdAt, updatedAt, ...input } = record;
    inTransaction(this.db, () => {
      prepareCached(
        this.db,
        `INSERT INTO subscriptions (id, name, definition, consecutive_failures, disabled_at, failing_since,
           last_error, last_failure_at, last_success_at, skipped, last_alert_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.name,
        definitionOf(input),
        health.consecutiveFailures,
        health.disabledAt,
        health.failingSince,
        health.lastError,
        health.lastFailureAt,
        health.lastSuccessAt,
        health.skipped,
        lastAlertAt,
        createdAt,
        updatedAt,
      );
      bumpSubscriptionStamp(this.db);
    });
  }

  async update(id: string, input: SubscriptionInput, now: string): Promise<SubscriptionRecord | null> {
    const row = inTransaction(this.db, () => {
      const updated = prepareCached(
        this.db,
        `UPDATE subscriptions SET name = ?, definition = ?, consecutive_failures = 0, disabled_at = NULL,
           failing_since = NULL, last_alert_at = NULL, updated_at = ?
         WHERE id = ? RETURNING *`,
      ).get(input.name, definitionOf(input), now, id) as SubscriptionRow | undefined;
      if (updated) bumpSubscriptionStamp(this.db);
      return updated;
    });
    return row ? toSubscription(row) : null;
  }

  async get(id: string): Promise<SubscriptionRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM subscriptions WHERE id = ?').get(id) as
      SubscriptionRow | undefined;
    return row ? toSubscription(row) : null;
  }

  async list(): Promise<SubscriptionRecord[]> {
    const rows = prepareCached(
      this.db,
      'SELECT * FROM subscriptions ORDER BY name, id',
    ).all() as SubscriptionRow[];
    return rows.map(toSubscription);
  }

  async delete(id: string): Promise<boolean> {
    return inTransaction(this.db, () => {
      const { changes } = prepareCached(this.db, 'DELETE FROM subscriptions WHERE id = ?').run(id);
      if (Number(changes) === 0) return false;
      bumpSubscriptionStamp(this.db);
      return true;
    });
  }

  async stamp(): Promise<string> {
    const row = prepareCached(this.db, 'SELECT value FROM settings WHERE key = ?').get(STAMP_KEY) as
      { value: string } | undefined;
    return row?.value ?? '0';
  }

  async markHealthy(id: string, now: string): Promise<void> {
    inTransaction(this.db, () => {
      prepareCached(
        this.db,
        `UPDATE subscriptions SET consecutive_failures = 0, disabled_at = NULL, failing_since = NULL,
           last_alert_at = NULL, last_success_at = ? WHERE id = ?`,
      ).run(now, id);
      bumpSubscriptionStamp(this.db);
    });
  }
}
