import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `work` inside one IMMEDIATE transaction, rolling back on any throw. Some errors (a full
 * disk, an I/O error) make SQLite roll the transaction back itself: a ROLLBACK then fails with
 * "cannot rollback - no transaction is active", which used to replace the real error. Only an
 * open transaction is rolled back, and the caller always gets the error that caused it.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // Only after an I/O error; the error that started it is the one worth reporting.
      }
    }
    throw error;
  }
}
