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
import type { CohortRecord } from '../ports/cohort-store.ts';
import {
  memberRun,
  membersNewestFirst,
  memberSteps,
  newestFirst,
  parseMemberRunId,
  withCohortActivity,
} from '../cohort-members.ts';
import { foldNodeStats } from '../fold-node-stats.ts';
import { prepareCached } from './prepare-cached.ts';
import { type CohortRow, type RunRow, type StepRow, toCohort, toRun, toStep } from './run-rows.ts';

export class SqliteRunStore implements RunStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async get(id: string): Promise<RunRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    if (row) return toRun(row);
    const member = this.member(id);
    return member ? memberRun(member.cohort, member.index) : null;
  }

  /** The cohort speaking for a member run id, when it still does (not split). */
  private member(id: string) {
    const parsed = parseMemberRunId(id);
    if (!parsed) return null;
    const row = prepareCached(this.db, 'SELECT * FROM cohorts WHERE id = ?').get(parsed.cohortId) as
      CohortRow | undefined;
    if (!row || row.status === 'split' || parsed.index >= row.member_count) return null;
    return { cohort: toCohort(row), index: parsed.index };
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
    const runs = (prepareCached(this.db, sql).all(...params, query.limit) as RunRow[]).map(toRun);
    return newestFirst(runs, this.listMembers(query), query.limit);
  }

  /** Members of cohorts matching the query, newest first, reading only as many cohorts as needed. */
  private listMembers(query: RunQuery): RunRecord[] {
    if (query.status === 'waiting') return [];
    const filters: [string, string | undefined][] = [
      ['scenario_id = ?', query.scenarioId],
      ['status = ?', query.status],
      // A member id sorts after its cohort's id: the cohort of `before` itself is read too.
      ['id < ?', query.before],
    ];
    const used = filters.filter((filter): filter is [string, string] => filter[1] !== undefined);
    const where = ["status != 'split'", ...used.map(([clause]) => clause)].join(' AND ');
    const rows = prepareCached(this.db, `SELECT * FROM cohorts WHERE ${where} ORDER BY id DESC`).iterate(
      ...used.map(([, value]) => value),
    ) as Iterable<CohortRow>;
    const members: RunRecord[] = [];
    for (const row of rows) {
      for (const run of membersNewestFirst(toCohort(row))) {
        if (query.before === undefined || run.id < query.before) members.push(run);
      }
      if (members.length >= query.limit) break;
    }
    return members;
  }

  async steps(runId: string): Promise<RunStepRecord[]> {
    const member = this.member(runId);
    if (member) return memberSteps(member.cohort, member.index);
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
    // Members of a cohort in flight stand on its node.
    const standing = prepareCached(
      this.db,
      `SELECT node_id AS node, sum(member_count) AS n FROM cohorts
       WHERE scenario_id = ? ${ofVersion} AND status = 'running' AND node_id IS NOT NULL GROUP BY 1`,
    ).all(...params) as { node: string; n: number }[];
    for (const row of standing) {
      const known = waiting.find((entry) => entry.node === row.node);
      if (known) known.n += row.n;
      else waiting.push(row);
    }
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
    const ofRuns = rows.map((row) => ({
      ...toStep(row),
      customerId: row.customer_id,
      runStatus: row.run_status as RunRecord['status'],
      runVersion: row.run_version,
    }));
    return withCohortActivity(ofRuns, this.recentCohorts(query), query);
  }

  /** The scenario's (or version's) newest cohorts still speaking for their members, enough to fill `limit`. */
  private recentCohorts(query: NodeActivityQuery): CohortRecord[] {
    const ofVersion = query.version === null ? '' : 'AND version = ?';
    const rows = prepareCached(
      this.db,
      `SELECT * FROM cohorts WHERE scenario_id = ? ${ofVersion} AND status != 'split' ORDER BY id DESC LIMIT ?`,
    ).all(
      ...(query.version === null ? [query.scenarioId] : [query.scenarioId, query.version]),
      query.limit,
    ) as CohortRow[];
    return rows.map(toCohort);
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
