import type { DatabaseSync } from 'node:sqlite';
import type { Db } from 'mongodb';
import { DEAD_AFTER_MS } from '../runtime/process-registry.ts';
import { AgendaScheduler, type AgendaSchedulerOptions } from './agenda-scheduler.ts';
import { mongoAgendaBackend } from './mongo-agenda-backend.ts';
import { sqliteAgendaBackend } from './sqlite-agenda-backend.ts';

/** Every timer of the app (waits, delayed launches, schedules) goes through this facade. */
export interface Scheduler {
  /** Registers the handler for a job name; call before start(). */
  define<T>(name: string, handler: (data: T) => Promise<void>, options?: { concurrency?: number }): void;
  /**
   * Schedules a one-off job at `at`. Idempotent per (name, key): scheduling the same key again
   * replaces its time and data (debounce), even while the job is locked or running. The job is
   * removed once it ran; a failed one stays for inspection and is not retried.
   */
  scheduleAt<T>(job: { name: string; key: string; at: Date; data: T }): Promise<void>;
  /** The jobs saved under `name` (by any process sharing the store), with their keys and data. */
  list<T>(name: string): Promise<{ key: string; data: T }[]>;
  /**
   * When the pending one-off job of (name, key) is due, read from the job store (so a job another
   * process saved is seen too); null when none waits (never scheduled, already started or done).
   */
  pendingAt(job: { name: string; key: string }): Promise<Date | null>;
  /** Removes a pending job; returns how many were removed. */
  cancel(job: { name: string; key: string }): Promise<number>;
  /** A recurring job on a cron expression in an IANA time zone, one per (name, key). */
  scheduleCron<T>(job: { name: string; key: string; cron: string; timezone: string; data: T }): Promise<void>;
  start(): Promise<void>;
  /**
   * Stops claiming jobs, releases the jobs claimed but not started (a restart fires them on
   * time) and waits, bounded by `stopTimeout`, for running handlers to finish.
   */
  stop(): Promise<void>;
}

/** Logs the scheduler writes; pino's logger fits. */
export interface SchedulerLogger {
  error(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  /** Recoveries (the store works again); warn is used when absent. */
  info?(details: Record<string, unknown>, message: string): void;
}

/**
 * The scheduler on the embedded SQLite file (the app's database: the jobs live in their own
 * table, `agenda_jobs` unless `tableName` says otherwise).
 *
 * @example
 * const scheduler = createSqliteScheduler({ db: store.db, logger });
 * scheduler.define<{ runId: string }>('runs.wake', async ({ runId }) => resume(runId));
 * await scheduler.start();
 * await scheduler.scheduleAt({ name: 'runs.wake', key: runId, at: new Date(wakeAt), data: { runId } });
 */
export function createSqliteScheduler(
  options: { db: DatabaseSync; tableName?: string } & Omit<AgendaSchedulerOptions, 'backend'>,
): Scheduler {
  const { db, tableName, ...tuning } = options;
  // An owner is a process with a heartbeat in the app's database: its locks die with it.
  const heartbeats = tuning.owner ? { ownerHeartbeats: { deadAfterMs: DEAD_AFTER_MS } } : {};
  const backend = sqliteAgendaBackend({ db, ...(tableName ? { tableName } : {}), ...heartbeats });
  return new AgendaScheduler({ ...tuning, backend });
}

/** The scheduler on the app's MongoDB database (jobs in `agenda_jobs`); see `mongoAgendaBackend`. */
export function createMongoScheduler(
  options: { db: Db } & Omit<AgendaSchedulerOptions, 'backend'>,
): Scheduler {
  const { db, ...tuning } = options;
  const heartbeats = tuning.owner ? { ownerHeartbeats: { deadAfterMs: DEAD_AFTER_MS } } : {};
  return new AgendaScheduler({ ...tuning, backend: mongoAgendaBackend({ db, ...heartbeats }) });
}
