import type { DatabaseSync } from 'node:sqlite';
import type { Filter } from '../../../engine/audience/index.ts';
import type { CustomerChange, CustomerRecord, CustomerStore, NameCount } from '../ports/customer-store.ts';
import { customerNotices, watching } from '../customer-notices.ts';
import { audienceSql, registerAudienceFunctions } from './audience-sql.ts';
import { insertNotices } from './sqlite-notice-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { namesOfLatest } from './sampled-names.ts';
import { inTransaction } from './transaction.ts';

type Row = { id: string; attributes: string; created_at: string; updated_at: string };

export const toCustomer = (row: Row): CustomerRecord => ({
  id: row.id,
  attributes: JSON.parse(row.attributes),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class SqliteCustomerStore implements CustomerStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    registerAudienceFunctions(db);
  }

  async get(id: string): Promise<CustomerRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM customers WHERE id = ?').get(id) as Row | undefined;
    return row ? toCustomer(row) : null;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, CustomerRecord>> {
    const found = new Map<string, CustomerRecord>();
    if (ids.length === 0) return found;
    // One cached statement for any number of ids: they travel as one JSON array.
    const rows = prepareCached(
      this.db,
      'SELECT * FROM customers WHERE id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify([...new Set(ids)])) as Row[];
    for (const row of rows) found.set(row.id, toCustomer(row));
    return found;
  }

  async put(id: string, attributes: Record<string, unknown>, now: string): Promise<CustomerRecord> {
    const row = prepareCached(
      this.db,
      `INSERT INTO customers (id, attributes, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at
       RETURNING *`,
    ).get(id, JSON.stringify(attributes), now, now) as Row;
    return toCustomer(row);
  }

  async delete(id: string): Promise<boolean> {
    return Number(prepareCached(this.db, 'DELETE FROM customers WHERE id = ?').run(id).changes) > 0;
  }

  async list(options: { limit: number; after?: string }): Promise<CustomerRecord[]> {
    const rows = prepareCached(this.db, 'SELECT * FROM customers WHERE id > ? ORDER BY id LIMIT ?').all(
      options.after ?? '',
      options.limit,
    ) as Row[];
    return rows.map(toCustomer);
  }

  async upsert(
    id: string,
    change: CustomerChange,
    now: string,
  ): Promise<{ customer: CustomerRecord; created: boolean }> {
    return inTransaction(this.db, () => {
      const before = prepareCached(
        this.db,
        'SELECT attributes, created_at, returned_at FROM customers WHERE id = ?',
      ).get(id) as { attributes: string; created_at: string; returned_at: number | null } | undefined;
      const stored = before ? (JSON.parse(before.attributes) as Record<string, unknown>) : {};
      const attributes =
        change.mode === 'replace' ? change.attributes : mergeAttributes(stored, change.attributes);
      const row = prepareCached(
        this.db,
        `INSERT INTO customers (id, attributes, created_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at
         RETURNING *`,
      ).get(id, JSON.stringify(attributes), now, now) as Row;
      if (watching(change.watch)) {
        const { notices } = customerNotices({
          watch: change.watch,
          id,
          before: before
            ? { attributes: stored, createdAt: before.created_at, returnedAt: before.returned_at }
            : null,
          after: attributes,
          cause: { source: 'api' },
        });
        insertNotices(this.db, notices);
      }
      return { customer: toCustomer(row), created: before === undefined };
    });
  }

  async search(query: { filter: Filter; limit: number; after?: string }): Promise<CustomerRecord[]> {
    const { where, params } = audienceSql(query.filter);
    // Not prepareCached: the SQL text differs with each filter's fields and shape, so a cache
    // keyed by it would grow without bound. Preparing costs microseconds next to the query.
    const rows = this.db
      .prepare(`SELECT * FROM customers WHERE (${where}) AND id > :after ORDER BY id LIMIT :limit`)
      .all({ ...params, after: query.after ?? '', limit: query.limit }) as Row[];
    return rows.map(toCustomer);
  }

  async countMatching(query: {
    filter: Filter;
    scan: number;
    after?: string;
  }): Promise<{ matched: number; scanned: number; last: string | null }> {
    const { where, params } = audienceSql(query.filter);
    // Not prepareCached, as search: the SQL text differs with each filter.
    const row = this.db
      .prepare(
        `SELECT count(*) FILTER (WHERE ${where}) AS matched, count(*) AS scanned, max(id) AS last
         FROM (SELECT * FROM customers WHERE id > :after ORDER BY id LIMIT :scan) AS customers`,
      )
      .get({ ...params, after: query.after ?? '', scan: query.scan }) as {
      matched: number;
      scanned: number;
      last: string | null;
    };
    return { matched: row.matched, scanned: row.scanned, last: row.last };
  }

  async attributeNames(options: { sample: number; limit: number }): Promise<NameCount[]> {
    return namesOfLatest(this.db, {
      sample: 'SELECT attributes AS value FROM customers ORDER BY updated_at DESC LIMIT :sample',
      params: { sample: options.sample, limit: options.limit },
    });
  }
}

/** Top-level keys of `change` replace those of `current`; a null removes the key. Neither is mutated. */
function mergeAttributes(
  current: Record<string, unknown>,
  change: Record<string, unknown>,
): Record<string, unknown> {
  const merged = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
