import type { DatabaseSync } from 'node:sqlite';
import { Agenda, type AgendaBackend } from 'agenda';
import { SqliteAgendaBackend } from './sqlite-agenda-backend.ts';

/** Every timer of the app (waits, retries of launches, schedules) goes through this facade. */
export interface Scheduler {
  /** Registers the handler for a job name; call before start(). */
  define<T>(name: string, handler: (data: T) => Promise<void>, options?: { concurrency?: number }): void;
  /**
   * Schedules a one-off job at `at`. Idempotent per (name, key): scheduling the same key again
   * replaces its time and data (debounce). The job row is removed once it ran.
   */
  scheduleAt<T>(job: { name: string; key: string; at: Date; data: T }): Promise<void>;
  /** Removes a pending job; returns how many were removed. */
  cancel(job: { name: string; key: string }): Promise<number>;
  /** A recurring job on a cron expression in an IANA time zone, one per (name, key). */
  scheduleCron<T>(job: { name: string; key: string; cron: string; timezone: string; data: T }): Promise<void>;
  start(): Promise<void>;
  /** Stops claiming jobs and releases the locks of jobs not yet run, so a restart fires them on time. */
  stop(): Promise<void>;
}

interface Envelope<T> {
  key: string;
  payload: T;
}

/** Agenda with the app's conventions: jobs carry `{ key, payload }`, unique per key. */
export class AgendaScheduler implements Scheduler {
  private readonly agenda: Agenda;
  private started = false;

  constructor(backend: AgendaBackend, options: { processEvery?: number } = {}) {
    this.agenda = new Agenda({
      backend,
      // Due jobs are locked up to one interval ahead and fired by a timer, so this bounds only
      // how late a job saved by another process is noticed and how fast dead locks are retaken.
      processEvery: options.processEvery ?? 2000,
      maxConcurrency: 64,
      defaultConcurrency: 32,
      defaultLockLifetime: 60_000,
      removeOnComplete: true,
    });
  }

  define<T>(name: string, handler: (data: T) => Promise<void>, options: { concurrency?: number } = {}): void {
    this.agenda.define<Envelope<T>>(name, (job) => handler(job.attrs.data.payload), options);
  }

  async scheduleAt<T>(job: { name: string; key: string; at: Date; data: T }): Promise<void> {
    const envelope: Envelope<T> = { key: job.key, payload: job.data };
    await this.agenda.create(job.name, envelope).unique({ 'data.key': job.key }).schedule(job.at).save();
  }

  async cancel(job: { name: string; key: string }): Promise<number> {
    const { jobs } = await this.agenda.queryJobs({ name: job.name });
    const ids = jobs
      .filter((found) => (found.data as Envelope<unknown>).key === job.key)
      .map((found) => found._id);
    return ids.length === 0 ? 0 : this.agenda.cancel({ ids });
  }

  async scheduleCron<T>(job: {
    name: string;
    key: string;
    cron: string;
    timezone: string;
    data: T;
  }): Promise<void> {
    const envelope: Envelope<T> = { key: job.key, payload: job.data };
    await this.agenda
      .create(job.name, envelope)
      .unique({ 'data.key': job.key })
      .repeatEvery(job.cron, { timezone: job.timezone, skipImmediate: true })
      .save();
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.agenda.start();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.agenda.stop();
  }
}

export function createSqliteScheduler(options: { db: DatabaseSync; processEvery?: number }): Scheduler {
  return new AgendaScheduler(new SqliteAgendaBackend({ db: options.db }), options);
}
