import type { DatabaseSync } from 'node:sqlite';
import type { BatchGroup, BatchItemRecord, BatchItemStore } from '../ports/batch-item-store.ts';
import { prepareCached } from './prepare-cached.ts';

type BatchItemRow = {
  id: string;
  scenario_id: string;
  version: number;
  node_id: string;
  run_id: string;
  visit: number;
  customer: string;
  created_at: number;
};

const toItem = (row: BatchItemRow): BatchItemRecord => ({
  id: row.id,
  scenarioId: row.scenario_id,
  version: row.version,
  nodeId: row.node_id,
  runId: row.run_id,
  visit: row.visit,
  customer: row.customer,
  createdAt: row.created_at,
});

export class SqliteBatchItemStore implements BatchItemStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async groups(): Promise<BatchGroup[]> {
    const rows = prepareCached(
      this.db,
      `SELECT scenario_id, version, node_id, count(*) AS count, min(created_at) AS oldest_at
       FROM batch_items GROUP BY scenario_id, version, node_id`,
    ).all() as { scenario_id: string; version: number; node_id: string; count: number; oldest_at: number }[];
    return rows.map((row) => ({
      scenarioId: row.scenario_id,
      version: row.version,
      nodeId: row.node_id,
      count: row.count,
      oldestAt: row.oldest_at,
    }));
  }

  async oldest(group: Omit<BatchGroup, 'count' | 'oldestAt'>, limit: number): Promise<BatchItemRecord[]> {
    const rows = prepareCached(
      this.db,
      `SELECT * FROM batch_items WHERE scenario_id = ? AND version = ? AND node_id = ? ORDER BY id LIMIT ?`,
    ).all(group.scenarioId, group.version, group.nodeId, limit) as BatchItemRow[];
    return rows.map(toItem);
  }
}

export function insertBatchItem(db: DatabaseSync, item: BatchItemRecord): void {
  prepareCached(
    db,
    `INSERT INTO batch_items (id, scenario_id, version, node_id, run_id, visit, customer, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    item.id,
    item.scenarioId,
    item.version,
    item.nodeId,
    item.runId,
    item.visit,
    item.customer,
    item.createdAt,
  );
}

/** Removes the items of one batch; false (and nothing removed) when any of them is gone already. */
export function takeBatchItems(db: DatabaseSync, ids: readonly string[]): boolean {
  const json = JSON.stringify(ids);
  const present = prepareCached(
    db,
    'SELECT count(*) AS count FROM batch_items WHERE id IN (SELECT value FROM json_each(?))',
  ).get(json) as { count: number };
  if (present.count !== ids.length) return false;
  dropBatchItems(db, ids);
  return true;
}

export function dropBatchItems(db: DatabaseSync, ids: readonly string[]): void {
  prepareCached(db, 'DELETE FROM batch_items WHERE id IN (SELECT value FROM json_each(?))').run(
    JSON.stringify(ids),
  );
}
