import type { DatabaseSync } from 'node:sqlite';
import { type AgendaBackend, InMemoryNotificationChannel } from 'agenda';
import { SqliteJobRepository } from './sqlite-job-repository.ts';

/**
 * Agenda on the embedded store. The connection belongs to the app (`ownsConnection` false). An
 * in-process notification channel makes a job saved here be locked and timed at once instead of
 * at the next poll: the embedded store has one process, so nothing else needs telling.
 */
export class SqliteAgendaBackend implements AgendaBackend {
  readonly name = 'SQLite';
  readonly repository: SqliteJobRepository;
  readonly notificationChannel = new InMemoryNotificationChannel();
  readonly ownsConnection = false;

  constructor(options: { db: DatabaseSync; tableName?: string }) {
    this.repository = new SqliteJobRepository(options);
  }

  async connect(): Promise<void> {
    await this.repository.connect();
    // The embedded store belongs to one process: a lock still set now was left by a process that
    // died, so release it instead of waiting out the lock lifetime.
    await this.repository.releaseAllLocks();
  }

  async disconnect(): Promise<void> {
    // The database stays open: the store owns it and closes it last.
  }
}
