import type { DatabaseSync } from 'node:sqlite';

/** Every column of the jobs table, in the order `jobValues` writes them (after `id`). */
export const JOB_COLUMNS = [
  'name',
  'type',
  'priority',
  'next_run_at',
  'locked_at',
  'last_run_at',
  'last_finished_at',
  'failed_at',
  'fail_count',
  'fail_reason',
  'disabled',
  'progress',
  'data',
  'repeat_interval',
  'repeat_timezone',
  'repeat_at',
  'start_date',
  'end_date',
  'skip_days',
  'debounce_started_at',
  'fork',
  'unique_key',
  'last_modified_by',
] as const;

/**
 * Creates Agenda's jobs table and the indexes its queries use, when missing. Dates are epoch
 * milliseconds; `data` and `skip_days` are JSON text; `repeat_interval` has no declared type so
 * a numeric interval stays a number.
 */
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
      data TEXT NOT NULL,
      repeat_interval,
      repeat_timezone TEXT,
      repeat_at TEXT,
      start_date INTEGER,
      end_date INTEGER,
      skip_days TEXT,
      debounce_started_at INTEGER,
      fork INTEGER NOT NULL DEFAULT 0,
      unique_key TEXT,
      last_modified_by TEXT
    ) WITHOUT ROWID;
  `);
  assertColumns(db, table);
  db.exec(`
    -- Claims of free jobs: walked in (nextRunAt, priority) order, locked rows are not in it.
    CREATE INDEX IF NOT EXISTS ${table}_claim ON ${table} (name, next_run_at, priority DESC)
      WHERE locked_at IS NULL AND disabled = 0;
    -- Claims of jobs whose lock expired (their worker died).
    CREATE INDEX IF NOT EXISTS ${table}_locked ON ${table} (name, locked_at) WHERE locked_at IS NOT NULL;
    -- The wake-up timer: the earliest run time after now, locked or not.
    CREATE INDEX IF NOT EXISTS ${table}_next ON ${table} (next_run_at) WHERE disabled = 0;
    CREATE UNIQUE INDEX IF NOT EXISTS ${table}_single ON ${table} (name) WHERE type = 'single';
    CREATE UNIQUE INDEX IF NOT EXISTS ${table}_unique ON ${table} (name, unique_key)
      WHERE unique_key IS NOT NULL;
  `);
}

/** A table left by an older layout would fail on the first claim; say so at start instead. */
function assertColumns(db: DatabaseSync, table: string): void {
  const present = new Set(
    (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map(
      (column) => column.name,
    ),
  );
  const missing = JOB_COLUMNS.filter((column) => !present.has(column));
  if (missing.length > 0) {
    throw new Error(
      `jobs table "${table}" has an unexpected layout (missing ${missing.join(', ')}); ` +
        `drop it or pass another tableName`,
    );
  }
}
