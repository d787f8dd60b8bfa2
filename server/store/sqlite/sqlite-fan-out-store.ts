import type { DatabaseSync } from 'node:sqlite';
import type { FanOutPage, FanOutState, FanOutStore } from '../ports/fan-out-store.ts';
import type { NoticeDraft } from '../ports/notice-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { insertNotices } from './sqlite-notice-store.ts';
import { inTransaction } from './transaction.ts';

type Row = {
  id: string;
  scenario_id: string;
  version: number;
  trigger_node_id: string;
  source: string;
  target: string;
  set_attributes: string | null;
  status: string;
  cursor: string | null;
  started: number;
  audience: number | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  owner: string | null;
};

const toState = (row: Row): FanOutState => ({
  id: row.id,
  scenarioId: row.scenario_id,
  version: row.version,
  triggerNodeId: row.trigger_node_id,
  source: row.source as FanOutState['source'],
  target: JSON.parse(row.target),
  setAttributes: row.set_attributes === null ? null : JSON.parse(row.set_attributes),
  status: row.status as FanOutState['status'],
  cursor: row.cursor,
  started: row.started,
  audience: row.audience,
  error: row.error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  finishedAt: row.finished_at,
  owner: row.owner,
});

export class SqliteFanOutStore implements FanOutStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(state: FanOutState): Promise<void> {
    prepareCached(
      this.db,
      `INSERT INTO fan_outs (id, scenario_id, version, trigger_node_id, source, target, set_attributes, status,
         cursor, started, audience, error, created_at, updated_at, finished_at, owner)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      state.id,
      state.scenarioId,
      state.version,
      state.triggerNodeId,
      state.source,
      JSON.stringify(state.target),
      state.setAttributes === null ? null : JSON.stringify(state.setAttributes),
      state.status,
      state.cursor,
      state.started,
      state.audience,
      state.error,
      state.createdAt,
      state.updatedAt,
      state.finishedAt,
      state.owner,
    );
  }

  async get(id: string): Promise<FanOutState | null> {
    const row = prepareCached(this.db, 'SELECT * FROM fan_outs WHERE id = ?').get(id) as Row | undefined;
    return row ? toState(row) : null;
  }

  async list(scenarioId: string, limit: number): Promise<FanOutState[]> {
    const rows = prepareCached(
      this.db,
      'SELECT * FROM fan_outs WHERE scenario_id = ? ORDER BY id DESC LIMIT ?',
    ).all(scenarioId, limit) as Row[];
    return rows.map(toState);
  }

  async latest(scenarioId: string, triggerNodeId: string): Promise<FanOutState | null> {
    const row = prepareCached(
      this.db,
      'SELECT * FROM fan_outs WHERE scenario_id = ? AND trigger_node_id = ? ORDER BY id DESC LIMIT 1',
    ).get(scenarioId, triggerNodeId) as Row | undefined;
    return row ? toState(row) : null;
  }

  async setAudience(id: string, audience: number): Promise<void> {
    prepareCached(this.db, 'UPDATE fan_outs SET audience = ? WHERE id = ?').run(audience, id);
  }

  async takeOver(options: { owner: string; liveSince: number; limit: number }): Promise<FanOutState[]> {
    const rows = prepareCached(
      this.db,
      `UPDATE fan_outs SET owner = ?
       WHERE id IN (SELECT id FROM fan_outs WHERE status = 'running'
         AND (owner IS NULL OR owner NOT IN (SELECT id FROM processes WHERE heartbeat_at > ?))
         ORDER BY id LIMIT ?)
       RETURNING *`,
    ).all(options.owner, options.liveSince, options.limit) as Row[];
    // RETURNING has no order of its own.
    return rows.map(toState).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async release(owner: string): Promise<number> {
    const { changes } = prepareCached(
      this.db,
      `UPDATE fan_outs SET owner = NULL WHERE status = 'running' AND owner = ?`,
    ).run(owner);
    return Number(changes);
  }

  async finish(
    id: string,
    outcome: { status: 'done' | 'failed'; error: string | null; at: string; notices?: NoticeDraft[] },
  ): Promise<boolean> {
    return inTransaction(this.db, () => {
      const { changes } = prepareCached(
        this.db,
        `UPDATE fan_outs SET status = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ? AND status = 'running'`,
      ).run(outcome.status, outcome.error, outcome.at, outcome.at, id);
      if (Number(changes) !== 1) return false;
      if (outcome.notices) insertNotices(this.db, outcome.notices);
      return true;
    });
  }
}

/**
 * Saves a fan-out page's progress inside the commit of its runs (`CommitBatch.fanOutPage`);
 * false when the fan-out is not running at the page's starting cursor, or not for this owner.
 */
export function advanceFanOut(db: DatabaseSync, page: FanOutPage): boolean {
  const { changes } = prepareCached(
    db,
    `UPDATE fan_outs SET cursor = ?, started = ?, updated_at = ?
     WHERE id = ? AND status = 'running' AND cursor IS ? AND owner = ?`,
  ).run(page.cursor, page.started, page.updatedAt, page.id, page.after, page.owner);
  return Number(changes) === 1;
}
