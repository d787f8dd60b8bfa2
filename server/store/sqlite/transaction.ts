import type { DatabaseSync } from 'node:sqlite';

/** Runs `work` inside one IMMEDIATE transaction, rolling back on any throw. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
