import type { DatabaseSync } from 'node:sqlite';
import type {
  NodeActivity,
  NodeActivityQuery,
  NodeStats,
  RunQuery,
  RunRecord,
  RunStepRecord,
  RunStore,
} from '../ports/run-store.ts';
import { foldNodeStats } from '../fold-node-stats.ts';
import { prepareCached } from './prepare-cached.ts';
import { type RunRow, type StepRow, toRun, toStep } from './run-rows.ts';

export class SqliteRunStore implements RunStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async get(id: string): Promise<RunRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  async list(query: RunQuery): Promise<RunRecord[]> {
    const filters: [string, string | undefined][] = [
      ['scenario_id = ?', query.scenarioId],
      ['status = ?', query.status],
      ['id < ?', query.before],
    ];
    const used = filters.filter((filter): filter is [string, string] => filter[1] !== undefined);
    const where = used.map(([clause]) => clause);
    const params = used.map(([, value]) => value);
    const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (prepareCached(this.db, sql).all(...params, query.limit) as RunRow[]).map(toRun);
  }

  async steps(runId: string): Promise<RunStepRecord[]> {
    const rows = prepareCached(this.db, 'SELECT * FROM run_steps WHERE run_id = ? ORDER BY seq').all(runId);
    return (rows as StepRow[]).map(toStep);
  }

  async nodeStats(scenarioId: string, version: number | null): Promise<Record<string, NodeStats>> {
    const ofVersion = version === null ? '' : 'AND version = ?';
    const params = version === null ? [scenarioId] : [scenarioId, version];
    const steps = prepareCached(
      this.db,
      `SELECT node_id AS node, kind, failed, sum(n) AS n FROM step_counts
       WHERE scenario_id = ? ${ofVersion} GROUP BY node_id, kind, failed`,
    ).all(...params) as { node: string; kind: string; failed: number; n: number }[];
    const waiting = prepareCached(
      this.db,
      `SELECT node_id AS node, count(*) AS n FROM runs
       WHERE scenario_id = ? ${ofVersion} AND status IN ('running', 'waiting') AND node_id IS NOT NULL GROUP BY 1`,
    ).all(...params) as { node: string; n: number }[];
    return foldNodeStats(
      steps.map((row) => ({ ...row, failed: row.failed === 1 })),
      waiting,
    );
  }

  async nodeActivity(query: NodeActivityQuery): Promise<NodeActivity[]> {
    const { scenarioId, nodeId, limit, version } = query;
    const ofVersion = version === null ? '' : 'AND version = ?';
    const rows = prepareCached(
      this.db,
      `SELECT s.*, r.customer_id, r.status AS run_status, r.version AS run_version
       FROM (SELECT id, customer_id, status, version FROM runs WHERE scenario_id = ? ${ofVersion}
             ORDER BY id DESC LIMIT 1000) r
       JOIN run_steps s ON s.run_id = r.id
       WHERE s.node_id = ? ORDER BY s.at DESC, s.seq DESC LIMIT ?`,
    ).all(...(version === null ? [scenarioId] : [scenarioId, version]), nodeId, limit) as (StepRow & {
      customer_id: string;
      run_status: string;
      run_version: number;
    })[];
    return rows.map((row) => ({
      ...toStep(row),
      customerId: row.customer_id,
      runStatus: row.run_status as RunRecord['status'],
      runVersion: row.run_version,
    }));
  }

  async dueWakes(options: { now: number; limit: number }): Promise<{ runId: string; visit: number }[]> {
    const rows = prepareCached(
      this.db,
      `SELECT id, wake_visit FROM runs WHERE status = 'waiting' AND wake_at <= ? ORDER BY wake_at LIMIT ?`,
    ).all(options.now, options.limit) as { id: string; wake_visit: number }[];
    return rows.map((row) => ({ runId: row.id, visit: row.wake_visit }));
  }

  async nextWakeAt(): Promise<number | null> {
    const row = prepareCached(
      this.db,
      `SELECT min(wake_at) AS at FROM runs WHERE status = 'waiting'`,
    ).get() as {
      at: number | null;
    };
    return row.at;
  }
}
