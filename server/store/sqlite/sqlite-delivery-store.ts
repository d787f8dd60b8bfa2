import type { DatabaseSync } from 'node:sqlite';
import type { DeliveryRecord, DeliveryStore } from '../ports/delivery-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { type DeliveryRow, toDelivery } from './run-rows.ts';

export class SqliteDeliveryStore implements DeliveryStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async claim(options: { now: number; limit: number; leaseMs: number }): Promise<DeliveryRecord[]> {
    // One statement: SQLite serialises writers, so selecting and leasing cannot interleave.
    const rows = prepareCached(
      this.db,
      `UPDATE deliveries SET lease_until = ?, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM deliveries
         WHERE status = 'pending' AND available_at <= ? AND (lease_until IS NULL OR lease_until < ?)
         ORDER BY available_at LIMIT ?)
       RETURNING *`,
    ).all(options.now + options.leaseMs, options.now, options.now, options.limit) as DeliveryRow[];
    return rows.map(toDelivery).sort((a, b) => a.availableAt - b.availableAt);
  }

  async get(id: string): Promise<DeliveryRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM deliveries WHERE id = ?').get(id) as
      DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  async nextAvailableAt(): Promise<number | null> {
    const row = prepareCached(
      this.db,
      `SELECT min(max(available_at, coalesce(lease_until, 0))) AS at FROM deliveries WHERE status = 'pending'`,
    ).get() as { at: number | null };
    return row.at;
  }
}
