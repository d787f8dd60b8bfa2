import type { DatabaseSync } from 'node:sqlite';
import type { SettingsStore } from '../ports/settings-store.ts';
import { prepareCached } from './prepare-cached.ts';

export class SqliteSettingsStore implements SettingsStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async get(key: string): Promise<string | null> {
    const row = prepareCached(this.db, 'SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  async put(key: string, value: string): Promise<void> {
    prepareCached(
      this.db,
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }
}
