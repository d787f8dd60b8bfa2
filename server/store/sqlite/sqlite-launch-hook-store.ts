import type { DatabaseSync } from 'node:sqlite';
import type { LaunchHookRecord, LaunchHookStore } from '../ports/launch-hook-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { inTransaction } from './transaction.ts';

interface LaunchHookRow {
  scenario_id: string;
  node_id: string;
  token: string;
  created_at: string;
}

const toRecord = (row: LaunchHookRow): LaunchHookRecord => ({
  scenarioId: row.scenario_id,
  nodeId: row.node_id,
  token: row.token,
  createdAt: row.created_at,
});

/** Table `launch_hooks`; its foreign key removes a scenario's tokens with the scenario. */
export class SqliteLaunchHookStore implements LaunchHookStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async findByToken(token: string): Promise<LaunchHookRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM launch_hooks WHERE token = ?').get(token) as
      LaunchHookRow | undefined;
    return row ? toRecord(row) : null;
  }

  async listByScenario(scenarioId: string): Promise<LaunchHookRecord[]> {
    const rows = prepareCached(
      this.db,
      'SELECT * FROM launch_hooks WHERE scenario_id = ? ORDER BY node_id',
    ).all(scenarioId) as unknown as LaunchHookRow[];
    return rows.map(toRecord);
  }

  async insertMissing(scenarioId: string, records: LaunchHookRecord[]): Promise<LaunchHookRecord[]> {
    const insert = prepareCached(
      this.db,
      `INSERT INTO launch_hooks (scenario_id, node_id, token, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (scenario_id, node_id) DO NOTHING`,
    );
    inTransaction(this.db, () => {
      for (const record of records)
        insert.run(record.scenarioId, record.nodeId, record.token, record.createdAt);
    });
    return this.listByScenario(scenarioId);
  }

  async replace(record: LaunchHookRecord): Promise<void> {
    prepareCached(
      this.db,
      `INSERT INTO launch_hooks (scenario_id, node_id, token, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (scenario_id, node_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at`,
    ).run(record.scenarioId, record.nodeId, record.token, record.createdAt);
  }

  async deleteByScenario(scenarioId: string): Promise<number> {
    const result = prepareCached(this.db, 'DELETE FROM launch_hooks WHERE scenario_id = ?').run(scenarioId);
    return Number(result.changes);
  }
}
