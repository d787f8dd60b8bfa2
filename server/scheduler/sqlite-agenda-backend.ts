import type { DatabaseSync } from 'node:sqlite';
import { AppAgendaBackend } from './app-agenda-backend.ts';
import { SqliteJobRepository } from './sqlite-job-repository.ts';

/**
 * Agenda on the embedded SQLite file (see `AppAgendaBackend`).
 *
 * Locks left by a process that died are not released at start: another process may share the
 * file, so such jobs are claimed again once their lock lifetime has passed.
 *
 * @example
 * const agenda = new Agenda({ backend: sqliteAgendaBackend({ db }), processEvery: '2 seconds' });
 */
export function sqliteAgendaBackend(options: { db: DatabaseSync; tableName?: string }): AppAgendaBackend {
  const repository = new SqliteJobRepository(options);
  return new AppAgendaBackend({ name: 'SQLite', repository, runTimes: repository });
}
