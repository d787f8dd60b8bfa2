import type { DatabaseSync } from 'node:sqlite';
import type { IntegrationRecord, IntegrationStore } from '../ports/integration-store.ts';
import { prepareCached } from './prepare-cached.ts';

type Row = {
  id: string;
  name: string;
  type: string;
  endpoint_prefix: string;
  settings: string;
  secrets: string;
  created_at: string;
  updated_at: string;
};

const toRecord = (row: Row): IntegrationRecord => ({
  id: row.id,
  name: row.name,
  type: row.type as IntegrationRecord['type'],
  endpointPrefix: row.endpoint_prefix,
  settings: JSON.parse(row.settings),
  sealedSecrets: row.secrets,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class SqliteIntegrationStore implements IntegrationStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async put(record: IntegrationRecord): Promise<void> {
    prepareCached(
      this.db,
      `INSERT INTO integrations (id, name, type, endpoint_prefix, settings, secrets, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type,
         endpoint_prefix = excluded.endpoint_prefix, settings = excluded.settings, secrets = excluded.secrets,
         updated_at = excluded.updated_at`,
    ).run(
      record.id,
      record.name,
      record.type,
      record.endpointPrefix,
      JSON.stringify(record.settings),
      record.sealedSecrets,
      record.createdAt,
      record.updatedAt,
    );
  }

  async get(id: string): Promise<IntegrationRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM integrations WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async list(): Promise<IntegrationRecord[]> {
    return (prepareCached(this.db, 'SELECT * FROM integrations ORDER BY name, id').all() as Row[]).map(
      toRecord,
    );
  }

  async delete(id: string): Promise<boolean> {
    return Number(prepareCached(this.db, 'DELETE FROM integrations WHERE id = ?').run(id).changes) > 0;
  }
}
