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
  owner: string | null;
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
  owner: row.owner,
});

export class SqliteBatchItemStore implements BatchItemStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async groups(owner?: string): Promise<BatchGroup[]> {
    const rows = prepareCached(
      this.db,
      `SELECT scenario_id, version, node_id, count(*) AS count, min(created_at) AS oldest_at
       FROM batch_items ${owner === undefined ? '' : 'WHERE owner = ?'} GROUP BY scenario_id, version, node_id`,
    ).all(...(owner === undefined ? [] : [owner])) as {
      scenario_id: string;
      version: number;
      node_id: string;
      count: number;
      oldest_at: number;
    }[];
    return rows.map((row) => ({
      scenarioId: row.scenario_id,
      version: row.version,
      nodeId: row.node_id,
      count: row.count,
      oldestAt: row.oldest_at,
    }));
  }

  async oldest(
    group: Omit<BatchGroup, 'count' | 'oldestAt'>,
    limit: number,
    owner: string,
  ): Promise<BatchItemRecord[]> {
    const rows = prepareCached(
      this.db,
      `SELECT * FROM batch_items WHERE owner = ? AND scenario_id = ? AND version = ? AND node_id = ?
       ORDER BY id LIMIT ?`,
    ).all(owner, group.scenarioId, group.version, group.nodeId, limit) as BatchItemRow[];
    return rows.map(toItem);
  }

  async takeOver(options: { owner: string; liveSince: number }): Promise<number> {
    // The owners holding items, one index seek each (a loose index scan), not one row per item.
    const dead = prepareCached(
      this.db,
      `WITH RECURSIVE owners (owner) AS (
         SELECT min(owner) FROM batch_items
         UNION ALL
         SELECT (SELECT min(owner) FROM batch_items WHERE owner > owners.owner) FROM owners
         WHERE owners.owner IS NOT NULL)
       SELECT owner FROM owners WHERE owner IS NOT NULL
         AND owner NOT IN (SELECT id FROM processes WHERE heartbeat_at > ?)`,
    ).all(options.liveSince) as { owner: string }[];
    let taken = Number(
      prepareCached(this.db, 'UPDATE batch_items SET owner = ? WHERE owner IS NULL').run(options.owner)
        .changes,
    );
    const move = prepareCached(this.db, 'UPDATE batch_items SET owner = ? WHERE owner = ?');
    for (const { owner } of dead) taken += Number(move.run(options.owner, owner).changes);
    return taken;
  }

  async release(owner: string): Promise<number> {
    return Number(
      prepareCached(this.db, 'UPDATE batch_items SET owner = NULL WHERE owner = ?').run(owner).changes,
    );
  }
}

export function insertBatchItem(db: DatabaseSync, item: BatchItemRecord): void {
  prepareCached(
    db,
    `INSERT INTO batch_items (id, scenario_id, version, node_id, run_id, visit, customer, created_at, owner)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    item.id,
    item.scenarioId,
    item.version,
    item.nodeId,
    item.runId,
    item.visit,
    item.customer,
    item.createdAt,
    item.owner,
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
