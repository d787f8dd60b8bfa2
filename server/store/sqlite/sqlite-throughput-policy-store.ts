import type { DatabaseSync } from 'node:sqlite';
import type { ThroughputPolicyRecord, ThroughputPolicyStore } from '../ports/throughput-policy-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { inTransaction } from './transaction.ts';

type Row = { id: string; name: string; concurrency: number; created_at: string; updated_at: string };

const toRecord = (row: Row): ThroughputPolicyRecord => ({
  id: row.id,
  name: row.name,
  concurrency: row.concurrency,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class SqliteThroughputPolicyStore implements ThroughputPolicyStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async put(record: ThroughputPolicyRecord): Promise<void> {
    prepareCached(
      this.db,
      `INSERT INTO throughput_policies (id, name, concurrency, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, concurrency = excluded.concurrency,
         updated_at = excluded.updated_at`,
    ).run(record.id, record.name, record.concurrency, record.createdAt, record.updatedAt);
  }

  async get(id: string): Promise<ThroughputPolicyRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM throughput_policies WHERE id = ?').get(id) as
      Row | undefined;
    return row ? toRecord(row) : null;
  }

  async list(): Promise<ThroughputPolicyRecord[]> {
    return (prepareCached(this.db, 'SELECT * FROM throughput_policies ORDER BY name, id').all() as Row[]).map(
      toRecord,
    );
  }

  /** Its deliveries still open go on without a limit (claims only count existing policies). */
  async delete(id: string): Promise<boolean> {
    return inTransaction(this.db, () => {
      prepareCached(
        this.db,
        `UPDATE deliveries SET policy_id = NULL WHERE policy_id = ? AND status IN ('pending', 'sending')`,
      ).run(id);
      return (
        Number(prepareCached(this.db, 'DELETE FROM throughput_policies WHERE id = ?').run(id).changes) > 0
      );
    });
  }
}
