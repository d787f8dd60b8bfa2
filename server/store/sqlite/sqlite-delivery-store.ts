import type { DatabaseSync } from 'node:sqlite';
import type { DeliveryRecord, DeliveryStore } from '../ports/delivery-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { type DeliveryRow, toDelivery } from './run-rows.ts';

export class SqliteDeliveryStore implements DeliveryStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async claim(options: {
    now: number;
    limit: number;
    leaseMs: number;
    owner: string;
    skipPolicies?: readonly string[];
  }): Promise<DeliveryRecord[]> {
    // One statement selects and leases: SQLite serialises writers, so two claims cannot interleave.
    const rows = prepareCached(
      this.db,
      `UPDATE deliveries SET status = 'sending', owner = ?, lease_until = ?, attempts = attempts + 1
       WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND available_at <= ?
         AND (policy_id IS NULL OR priority = 'event' OR policy_id NOT IN (SELECT value FROM json_each(?)))
         ORDER BY available_at, id LIMIT ?)
       RETURNING *`,
    ).all(
      options.owner,
      options.now + options.leaseMs,
      options.now,
      JSON.stringify(options.skipPolicies ?? []),
      options.limit,
    ) as DeliveryRow[];
    // RETURNING has no order of its own; ids break ties in creation order (newOrderedId).
    return rows
      .map(toDelivery)
      .sort((a, b) => a.availableAt - b.availableAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async reclaimLapsed(options: {
    now: number;
    limit: number;
    leaseMs: number;
    owner: string;
    liveSince: number;
  }): Promise<DeliveryRecord[]> {
    const rows = prepareCached(
      this.db,
      `UPDATE deliveries SET owner = ?, lease_until = ?, attempts = attempts + 1
       WHERE id IN (SELECT id FROM deliveries WHERE status = 'sending' AND (lease_until <= ? OR owner IS NULL
           OR owner NOT IN (SELECT id FROM processes WHERE heartbeat_at > ?))
         ORDER BY lease_until LIMIT ?)
       RETURNING *`,
    ).all(
      options.owner,
      options.now + options.leaseMs,
      options.now,
      options.liveSince,
      options.limit,
    ) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  async release(owner: string): Promise<number> {
    const { changes } = prepareCached(
      this.db,
      `UPDATE deliveries SET status = 'pending', owner = NULL, lease_until = NULL, attempts = max(attempts - 1, 0)
       WHERE status = 'sending' AND owner = ?`,
    ).run(owner);
    return Number(changes);
  }

  async get(id: string): Promise<DeliveryRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM deliveries WHERE id = ?').get(id) as
      DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  async nextAvailableAt(): Promise<number | null> {
    const row = prepareCached(
      this.db,
      `SELECT (SELECT min(available_at) FROM deliveries WHERE status = 'pending') AS pending,
              (SELECT min(lease_until) FROM deliveries WHERE status = 'sending') AS leased`,
    ).get() as { pending: number | null; leased: number | null };
    const times = [row.pending, row.leased].filter((time): time is number => time !== null);
    return times.length > 0 ? Math.min(...times) : null;
  }
}
