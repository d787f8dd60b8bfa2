import { retryingWhileBusy } from '../store/sqlite/busy-retry.ts';
import { AppAgendaBackend } from './app-agenda-backend.ts';
import { SqliteJobRepository, type SqliteJobRepositoryOptions } from './sqlite-job-repository.ts';

/**
 * Agenda on the embedded SQLite file (see `AppAgendaBackend`).
 *
 * Locks left by a process that died are not released at start: another process may share the
 * file, so such jobs are claimed again once their lock lifetime has passed, or as soon as the
 * process stops beating when `ownerHeartbeats` is set.
 *
 * @example
 * const agenda = new Agenda({ backend: sqliteAgendaBackend({ db }), processEvery: '2 seconds' });
 */
export function sqliteAgendaBackend(options: SqliteJobRepositoryOptions): AppAgendaBackend {
  // Agenda's claims and saves contend for the write lock like the store's own writes.
  const repository = retryingWhileBusy(new SqliteJobRepository(options));
  return new AppAgendaBackend({ name: 'SQLite', repository, runTimes: repository });
}
