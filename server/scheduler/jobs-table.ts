import type { DatabaseSync } from 'node:sqlite';

/** Creates Agenda's jobs table and the indexes its queries use, when missing. */
export function createJobsTable(db: DatabaseSync, table: string): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${table} (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      priority INTEGER NOT NULL DEFAULT 0,
      next_run_at INTEGER,
      locked_at INTEGER,
      last_run_at INTEGER,
      last_finished_at INTEGER,
      failed_at INTEGER,
      fail_count INTEGER,
      fail_reason TEXT,
      disabled INTEGER NOT NULL DEFAULT 0,
      progress REAL,
      unique_key TEXT,
      data TEXT NOT NULL,
      extra TEXT NOT NULL,
      last_modified_by TEXT
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS ${table}_due ON ${table} (name, next_run_at, priority DESC) WHERE disabled = 0;
    CREATE INDEX IF NOT EXISTS ${table}_locked ON ${table} (name, locked_at) WHERE locked_at IS NOT NULL;
    CREATE UNIQUE INDEX IF NOT EXISTS ${table}_single ON ${table} (name) WHERE type = 'single';
    CREATE UNIQUE INDEX IF NOT EXISTS ${table}_unique ON ${table} (name, unique_key) WHERE unique_key IS NOT NULL;
  `);
}
