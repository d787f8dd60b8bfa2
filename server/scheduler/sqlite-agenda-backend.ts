import type { DatabaseSync } from 'node:sqlite';
import type { AgendaBackend } from 'agenda';
import { SqliteJobRepository } from './sqlite-job-repository.ts';
import { WakeUpChannel } from './wake-up-channel.ts';

/**
 * Agenda on the embedded SQLite file. The connection belongs to the app (`ownsConnection` is
 * false, so `agenda.stop()` leaves it open). The notification channel wakes Agenda exactly when
 * a job is due (see `WakeUpChannel`) instead of at its next poll.
 *
 * Locks left by a process that died are not released at start: another process may share the
 * file, so such jobs are claimed again once their lock lifetime has passed.
 *
 * @example
 * const agenda = new Agenda({ backend: new SqliteAgendaBackend({ db }), processEvery: '2 seconds' });
 */
export class SqliteAgendaBackend implements AgendaBackend {
  readonly name = 'SQLite';
  readonly repository: SqliteJobRepository;
  readonly notificationChannel: WakeUpChannel;
  readonly ownsConnection = false;

  constructor(options: { db: DatabaseSync; tableName?: string }) {
    this.repository = new SqliteJobRepository(options);
    this.notificationChannel = new WakeUpChannel(this.repository);
  }

  async connect(): Promise<void> {
    await this.repository.connect();
  }

  async disconnect(): Promise<void> {
    // Nothing to close: the app opened the database and closes it last.
  }
}
