import type { DatabaseSync } from 'node:sqlite';
import type { ApiKeyScope, ApiKeySummary } from '../../../engine/api-keys/api-key-schema.ts';
import type { ApiKeyRecord, ApiKeyStore } from '../ports/api-key-store.ts';
import { prepareCached } from './prepare-cached.ts';

type Row = {
  id: string;
  name: string;
  scope: string;
  hint: string;
  hash: string;
  created_at: string;
  last_used_at: string | null;
};

const toSummary = (row: Omit<Row, 'hash'>): ApiKeySummary => ({
  id: row.id,
  name: row.name,
  scope: row.scope as ApiKeyScope,
  hint: row.hint,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

export class SqliteApiKeyStore implements ApiKeyStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(record: ApiKeyRecord): Promise<void> {
    prepareCached(
      this.db,
      `INSERT INTO api_keys (id, name, scope, hint, hash, created_at, last_used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      record.id,
      record.name,
      record.scope,
      record.hint,
      record.hash,
      record.createdAt,
      record.lastUsedAt,
    );
  }

  async list(): Promise<ApiKeySummary[]> {
    const rows = prepareCached(
      this.db,
      'SELECT id, name, scope, hint, created_at, last_used_at FROM api_keys ORDER BY created_at, id',
    ).all() as Omit<Row, 'hash'>[];
    return rows.map(toSummary);
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM api_keys WHERE hash = ?').get(hash) as Row | undefined;
    return row ? { ...toSummary(row), hash: row.hash } : null;
  }

  async touch(id: string, at: string): Promise<void> {
    prepareCached(this.db, 'UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  async delete(id: string): Promise<boolean> {
    return Number(prepareCached(this.db, 'DELETE FROM api_keys WHERE id = ?').run(id).changes) > 0;
  }
}
