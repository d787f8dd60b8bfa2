import type { DatabaseSync } from 'node:sqlite';
import type { PresetDefinition } from '../../../engine/presets/index.ts';
import type { PresetRecord, PresetStore } from '../ports/preset-store.ts';
import { prepareCached } from './prepare-cached.ts';
import { inTransaction } from './transaction.ts';

type Row = {
  id: string;
  name: string;
  version: number;
  needs_credentials: number;
  definition: string;
  created_at: string;
  updated_at: string;
};

const CURRENT = `SELECT p.*, v.definition FROM presets p
  JOIN preset_versions v ON v.preset_id = p.id AND v.version = p.version`;

const toRecord = (row: Row): PresetRecord => ({
  id: row.id,
  name: row.name,
  version: row.version,
  needsCredentials: row.needs_credentials === 1,
  definition: JSON.parse(row.definition),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class SqlitePresetStore implements PresetStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(record: PresetRecord): Promise<void> {
    inTransaction(this.db, () => {
      prepareCached(
        this.db,
        'INSERT INTO presets (id, name, version, needs_credentials, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        record.id,
        record.name,
        record.version,
        record.needsCredentials ? 1 : 0,
        record.createdAt,
        record.updatedAt,
      );
      this.insertVersion(record.id, {
        version: record.version,
        definition: record.definition,
        at: record.createdAt,
      });
    });
  }

  async addVersion(
    id: string,
    change: { definition: PresetDefinition; needsCredentials: boolean; now: string },
  ): Promise<PresetRecord | null> {
    return inTransaction(this.db, () => {
      const updated = prepareCached(
        this.db,
        `UPDATE presets SET version = version + 1, name = ?, needs_credentials = ?, updated_at = ? WHERE id = ? RETURNING version`,
      ).get(change.definition.name, change.needsCredentials ? 1 : 0, change.now, id) as
        { version: number } | undefined;
      if (!updated) return null;
      this.insertVersion(id, { version: updated.version, definition: change.definition, at: change.now });
      return toRecord(prepareCached(this.db, `${CURRENT} WHERE p.id = ?`).get(id) as Row);
    });
  }

  async get(id: string): Promise<PresetRecord | null> {
    const row = prepareCached(this.db, `${CURRENT} WHERE p.id = ?`).get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async getVersion(id: string, version: number): Promise<PresetDefinition | null> {
    const row = prepareCached(
      this.db,
      'SELECT definition FROM preset_versions WHERE preset_id = ? AND version = ?',
    ).get(id, version) as { definition: string } | undefined;
    return row ? JSON.parse(row.definition) : null;
  }

  async list(): Promise<PresetRecord[]> {
    return (prepareCached(this.db, `${CURRENT} ORDER BY p.name, p.id`).all() as Row[]).map(toRecord);
  }

  async listVersions(
    id: string,
  ): Promise<{ version: number; createdAt: string; definition: PresetDefinition }[]> {
    const rows = prepareCached(
      this.db,
      'SELECT version, created_at, definition FROM preset_versions WHERE preset_id = ? ORDER BY version DESC',
    ).all(id) as { version: number; created_at: string; definition: string }[];
    return rows.map((row) => ({
      version: row.version,
      createdAt: row.created_at,
      definition: JSON.parse(row.definition),
    }));
  }

  async delete(id: string): Promise<boolean> {
    return Number(prepareCached(this.db, 'DELETE FROM presets WHERE id = ?').run(id).changes) > 0;
  }

  private insertVersion(
    id: string,
    { version, definition, at }: { version: number; definition: PresetDefinition; at: string },
  ): void {
    prepareCached(
      this.db,
      'INSERT INTO preset_versions (preset_id, version, definition, created_at) VALUES (?, ?, ?, ?)',
    ).run(id, version, JSON.stringify(definition), at);
  }
}
