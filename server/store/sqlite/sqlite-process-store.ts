import type { DatabaseSync } from 'node:sqlite';
import type { ProcessRecord, ProcessStore } from '../ports/process-store.ts';
import { prepareCached } from './prepare-cached.ts';

type ProcessRow = { id: string; host: string; pid: number; started_at: string; heartbeat_at: number };

export class SqliteProcessStore implements ProcessStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async beat(process: ProcessRecord): Promise<void> {
    prepareCached(
      this.db,
      `INSERT INTO processes (id, host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`,
    ).run(process.id, process.host, process.pid, process.startedAt, process.heartbeatAt);
  }

  async remove(id: string): Promise<void> {
    prepareCached(this.db, 'DELETE FROM processes WHERE id = ?').run(id);
  }

  async list(): Promise<ProcessRecord[]> {
    const rows = prepareCached(
      this.db,
      'SELECT * FROM processes ORDER BY heartbeat_at DESC, id',
    ).all() as ProcessRow[];
    return rows.map((row) => ({
      id: row.id,
      host: row.host,
      pid: row.pid,
      startedAt: row.started_at,
      heartbeatAt: row.heartbeat_at,
    }));
  }

  async prune(before: number): Promise<number> {
    return Number(prepareCached(this.db, 'DELETE FROM processes WHERE heartbeat_at < ?').run(before).changes);
  }
}
