import type { DatabaseSync } from 'node:sqlite';
import type { SubscriptionInput } from '../../../engine/subscriptions/index.ts';
import type { SubscriptionRecord, SubscriptionStore } from '../ports/subscription-store.ts';
import { prepareCached } from './prepare-cached.ts';

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

/** What the user sets, as stored: the whole input (name included) as JSON. */
const definitionOf = (input: SubscriptionInput): string => JSON.stringify(input);

export class SqliteSubscriptionStore implements SubscriptionStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(record: SubscriptionRecord): Promise<void> {
    const { id, health, lastAlertAt, createdAt, updatedAt, ...input } = record;
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
  }

  async update(id: string, input: SubscriptionInput, now: string): Promise<SubscriptionRecord | null> {
    const row = prepareCached(
      this.db,
      `UPDATE subscriptions SET name = ?, definition = ?, consecutive_failures = 0, disabled_at = NULL,
           failing_since = NULL, last_alert_at = NULL, updated_at = ?
         WHERE id = ? RETURNING *`,
    ).get(input.name, definitionOf(input), now, id) as SubscriptionRow | undefined;
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

  /** Its deliveries go with it (foreign key). */
  async delete(id: string): Promise<boolean> {
    return Number(prepareCached(this.db, 'DELETE FROM subscriptions WHERE id = ?').run(id).changes) > 0;
  }

  async claimAlert(id: string, turn: { now: number; intervalMs: number }): Promise<boolean> {
    const { changes } = prepareCached(
      this.db,
      `UPDATE subscriptions SET last_alert_at = ?
       WHERE id = ? AND (failing_since IS NOT NULL OR disabled_at IS NOT NULL)
         AND (last_alert_at IS NULL OR last_alert_at <= ?)`,
    ).run(turn.now, id, turn.now - turn.intervalMs);
    return Number(changes) === 1;
  }
}
