import type { DatabaseSync } from 'node:sqlite';
import { idFloor } from '../../ids.ts';
import type { DeliveryOutcome, DeliveryRecord, DeliveryStore } from '../ports/delivery-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { type DeliveryRow, toDelivery } from './run-rows.ts';
import { inTransaction } from './transaction.ts';

interface ClaimLease {
  now: number;
  limit: number;
  owner: string;
  leaseUntil: number;
}

/** RETURNING has no order of its own; ids break ties in creation order (newOrderedId). */
const byAvailability = (a: DeliveryRecord, b: DeliveryRecord) =>
  a.availableAt - b.availableAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

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
  }): Promise<DeliveryRecord[]> {
    if (options.limit <= 0 || !this.anyDue(options.now)) return [];
    // One write transaction: SQLite serialises writers, so the slots counted are the slots taken.
    return inTransaction(this.db, () => {
      const lease = { ...options, leaseUntil: options.now + options.leaseMs };
      const underPolicies = this.claimUnderPolicies(lease);
      const free = this.leaseRows(
        `status = 'pending' AND policy_id IS NULL AND available_at <= ? ORDER BY available_at, id LIMIT ?`,
        lease,
        [options.now, options.limit - underPolicies.length],
      );
      return [...underPolicies, ...free.sort(byAvailability)];
    });
  }

  /**
   * A read without the write lock: most passes of a busy worker find nothing to claim (what it
   * sends was handed over), and an empty write transaction would still be a commit.
   */
  private anyDue(now: number): boolean {
    const row = prepareCached(
      this.db,
      `SELECT EXISTS (SELECT 1 FROM deliveries WHERE status = 'pending' AND available_at <= ?) AS due`,
    ).get(now) as { due: number };
    return row.due === 1;
  }

  /**
   * Deliveries of throughput policies, each policy's up to the slots its limit leaves free across
   * every process (the rows `sending` under it), on-event ones before bulk ones. Each lookup is an
   * index seek, however many bulk deliveries wait behind a small limit.
   */
  private claimUnderPolicies(lease: ClaimLease): DeliveryRecord[] {
    const due = (priority: string) =>
      `EXISTS (SELECT 1 FROM deliveries d WHERE d.status = 'pending' AND d.policy_id = p.id
         AND d.priority = '${priority}' AND d.available_at <= :now)`;
    const policies = prepareCached(
      this.db,
      `SELECT p.id AS policy, p.concurrency - (SELECT count(*) FROM deliveries s
           WHERE s.status = 'sending' AND s.policy_id = p.id) AS room
       FROM throughput_policies p WHERE ${due('event')} OR ${due('bulk')}`,
    ).all({ now: lease.now }) as { policy: string; room: number }[];
    const claimed: DeliveryRecord[] = [];
    for (const { policy, room } of policies) {
      let left = Math.min(room, lease.limit - claimed.length);
      for (const priority of ['event', 'bulk']) {
        if (left <= 0) break;
        const rows = this.leaseRows(
          `status = 'pending' AND policy_id = ? AND priority = ? AND available_at <= ? ORDER BY available_at, id LIMIT ?`,
          lease,
          [policy, priority, lease.now, left],
        );
        claimed.push(...rows.sort(byAvailability));
        left -= rows.length;
      }
    }
    return claimed;
  }

  private leaseRows(where: string, lease: ClaimLease, values: (string | number)[]): DeliveryRecord[] {
    const rows = prepareCached(
      this.db,
      `UPDATE deliveries SET status = 'sending', owner = ?, lease_until = ?, attempts = attempts + 1
       WHERE id IN (SELECT id FROM deliveries WHERE ${where}) RETURNING *`,
    ).all(lease.owner, lease.leaseUntil, ...values) as DeliveryRow[];
    return rows.map(toDelivery);
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
           OR (owner IS NOT ? AND owner NOT IN (SELECT id FROM processes WHERE heartbeat_at > ?)))
         ORDER BY lease_until LIMIT ?)
       RETURNING *`,
    ).all(
      options.owner,
      options.now + options.leaseMs,
      options.now,
      options.owner,
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

  async recentOutcomes(options: { since: number; limit: number }): Promise<DeliveryOutcome[]> {
    const rows = prepareCached(
      this.db,
      `SELECT json_extract(request, '$.url') AS url, status, error, created_at FROM deliveries
       WHERE id >= ? AND status IN ('done', 'failed') ORDER BY id DESC LIMIT ?`,
    ).all(idFloor('msg', options.since), options.limit) as {
      url: string;
      status: 'done' | 'failed';
      error: string | null;
      created_at: string;
    }[];
    return rows.map((row) => ({
      url: row.url,
      status: row.status,
      error: row.error,
      createdAt: row.created_at,
    }));
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
