import type { DatabaseSync } from 'node:sqlite';
import type { Backlog, BacklogStore } from '../ports/backlog-store.ts';
import { prepareCached } from './prepare-cached.ts';

type Count = { count: number };

export class SqliteBacklogStore implements BacklogStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async read(now: number): Promise<Backlog> {
    // Each count walks a partial index (deliveries_due, deliveries_leased, runs_wake) only; two
    // counts are faster than one pass summing a condition (70 + 90 ms against 270 ms at 1,000,000).
    const count = (sql: string, ...args: number[]) =>
      (prepareCached(this.db, sql).get(...args) as Count).count;
    const pending = count(`SELECT count(*) AS count FROM deliveries WHERE status = 'pending'`);
    const due = count(
      `SELECT count(*) AS count FROM deliveries WHERE status = 'pending' AND available_at <= ?`,
      now,
    );
    const sending = prepareCached(
      this.db,
      `SELECT policy_id AS policyId, count(*) AS count FROM deliveries WHERE status = 'sending' GROUP BY policy_id`,
    ).all() as { policyId: string | null; count: number }[];
    const scheduled = count(`SELECT count(wake_at) AS count FROM runs WHERE status = 'waiting'`);
    const wakesDue = count(
      `SELECT count(*) AS count FROM runs WHERE status = 'waiting' AND wake_at <= ?`,
      now,
    );
    return {
      deliveries: {
        pending,
        due,
        sendingByPolicy: sending.map((row) => ({ policyId: row.policyId, count: row.count })),
      },
      waits: { scheduled, due: wakesDue },
    };
  }
}
