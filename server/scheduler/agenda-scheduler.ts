import { Agenda, type AgendaBackend, type Job, type JobRepository, type JobWithId } from 'agenda';
import { cronFields } from '../../engine/scenario/cron-runs.ts';
import { ResilientLoop } from '../runtime/resilient-loop.ts';
import { asStoreError } from '../store/store-error.ts';
import { computeCronRunsFor } from './cron-next-run-at.ts';
import { settleDebugColors } from './debug-colors.ts';
import type { Scheduler, SchedulerLogger } from './scheduler.ts';
import { JobGoneError } from './sqlite-job-repository.ts';

/** Tuning of `AgendaScheduler`; every field has a default fit for the embedded store. */
export interface AgendaSchedulerOptions {
  backend: AgendaBackend;
  /**
   * Who this scheduler's locks name (Agenda's `name`, saved as `lastModifiedBy`): the process id
   * whose heartbeat tells the others it is alive (see `ProcessRegistry`). Default `hookflow:<pid>`.
   */
  owner?: string;
  /**
   * How often Agenda polls the store (ms or a human interval such as '2 seconds'). Jobs saved in
   * any process fire on time whatever this is (see `WakeUpChannel`); the poll bounds how soon a
   * job whose lock expired (its process died) is run again. Default 2000.
   */
  processEvery?: string | number;
  /**
   * A job locked (claimed) longer than this is taken to belong to a dead worker and is run again.
   * A running handler renews its lock, so only a crashed process lets it lapse. With heartbeats
   * (the app's backends), a dead process's locks expire as soon as it stops beating. Default 60 s.
   */
  lockLifetime?: number;
  /** Handlers running at once, all names together. Default 32. */
  maxConcurrency?: number;
  /** Handlers of one name running at once, unless `define` says otherwise. Default 16. */
  defaultConcurrency?: number;
  /**
   * Jobs this process holds locked at once (claimed, waiting or running). Bounds Agenda's
   * in-memory queue, whose operations are linear in its length. Default 256.
   */
  lockLimit?: number;
  /** How long `stop()` waits for running handlers. Default 5000 ms. */
  stopTimeout?: number;
  logger?: SchedulerLogger;
  /** Told of store errors met while claiming and running jobs (see `StoreHealth`). */
  health?: { failed(error: unknown): unknown };
}

/** What a job row carries: the caller's key (unique per name) and data. */
interface Envelope<T> {
  key: string;
  payload: T;
}

/**
 * The app's conventions on top of Agenda: jobs are one-off or cron, identified by (name, key),
 * run once and removed on success, never retried automatically (retries are explicit jobs), and
 * a failing handler is logged, never thrown.
 */
export class AgendaScheduler implements Scheduler {
  private readonly agenda: Agenda;
  private readonly logger: SchedulerLogger;
  private readonly stopTimeout: number;
  private readonly lockLifetime: number;
  private readonly running = new Set<Promise<void>>();
  private readonly jobs: ResilientLoop;
  private started = false;

  constructor(options: AgendaSchedulerOptions) {
    this.logger = options.logger ?? consoleLogger;
    this.stopTimeout = options.stopTimeout ?? 5000;
    this.lockLifetime = options.lockLifetime ?? 60_000;
    settleDebugColors();
    this.agenda = new Agenda({
      backend: claimingWhile(options.backend, () => this.started),
      name: options.owner ?? `hookflow:${process.pid}`,
      processEvery: options.processEvery ?? 2000,
      defaultLockLifetime: this.lockLifetime,
      maxConcurrency: options.maxConcurrency ?? 32,
      defaultConcurrency: options.defaultConcurrency ?? 16,
      lockLimit: options.lockLimit ?? 256,
      removeOnComplete: true,
    });
    computeCronRunsFor(this.agenda);
    this.jobs = new ResilientLoop({
      name: 'scheduled jobs',
      logger: {
        error: (details, message) => this.logger.error(details, message),
        info: (details, message) =>
          (this.logger.info ?? this.logger.warn).call(this.logger, details, message),
      },
      ...(options.health ? { health: options.health } : {}),
    });
    this.agenda.on('fail', (error: Error, job: JobWithId) => {
      // A store error is retried (see `retryOnStoreError`) and logged once per outage there.
      if (asStoreError(error)) return;
      const key = (job.attrs.data as Partial<Envelope<unknown>> | undefined)?.key;
      this.logger.error({ err: error, job: job.attrs.name, key }, 'scheduled job failed');
    });
    this.agenda.on('success', () => this.jobs.succeeded());
    this.agenda.on('error', (error: Error) => {
      // A job replaced or cancelled after this process locked it: its old version must not run.
      if (error instanceof JobGoneError) return;
      // Claiming or saving a job failed on the store: Agenda tries again at its next poll, and
      // a job whose lock could not be released runs again once the lock lifetime has passed.
      if (asStoreError(error)) this.jobs.failed(error);
      else this.logger.warn({ err: error }, 'scheduler error');
    });
    options.backend.notificationChannel?.on('error', (error: Error) =>
      this.logger.warn({ err: error }, 'scheduler wake-up failed; the next poll catches up'),
    );
  }

  define<T>(name: string, handler: (data: T) => Promise<void>, options: { concurrency?: number } = {}): void {
    const run = async (job: Job<Envelope<T>>) => {
      const running = (async () => handler(job.attrs.data.payload))();
      this.running.add(running);
      // Renew the lock while the handler runs: a lapsed lock would let Agenda cancel this run
      // and start the job again next to it. A job replaced meanwhile refuses the renewal.
      const renew = setInterval(
        () => void job.touch().catch(() => clearInterval(renew)),
        this.lockLifetime / 3,
      );
      try {
        await running;
      } finally {
        clearInterval(renew);
        this.running.delete(running);
      }
    };
    this.agenda.define<Envelope<T>>(name, run, {
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      backoff: this.retryOnStoreError,
    });
  }

  async scheduleAt<T>(job: { name: string; key: string; at: Date; data: T }): Promise<void> {
    if (Number.isNaN(job.at.getTime())) throw new Error(`invalid time for job ${job.name}/${job.key}`);
    await this.create(job).schedule(job.at).save();
  }

  async list<T>(name: string): Promise<{ key: string; data: T }[]> {
    const { jobs } = await this.agenda.queryJobs({ name });
    return jobs.map((job) => {
      const { key, payload } = job.data as Envelope<T>;
      return { key, data: payload };
    });
  }

  async pendingAt(job: { name: string; key: string }): Promise<Date | null> {
    const { jobs } = await this.agenda.queryJobs({ name: job.name, data: { key: job.key } });
    const due = jobs.flatMap((found) => (found.nextRunAt ? [new Date(found.nextRunAt).getTime()] : []));
    return due.length === 0 ? null : new Date(Math.min(...due));
  }

  async cancel(job: { name: string; key: string }): Promise<number> {
    const { jobs } = await this.agenda.queryJobs({ name: job.name, data: { key: job.key } });
    // Pending only: a job already started has no next run time (one-off) and is left to finish.
    const ids = jobs.filter((found) => found.nextRunAt !== null).map((found) => found._id);
    return ids.length === 0 ? 0 : this.agenda.cancel({ ids });
  }

  async scheduleCron<T>(job: {
    name: string;
    key: string;
    cron: string;
    timezone: string;
    data: T;
  }): Promise<void> {
    // Throws RangeError on an unknown zone, which Agenda would otherwise save as a failed job.
    new Intl.DateTimeFormat('en', { timeZone: job.timezone });
    // Field by field: Agenda would read a macro such as @weekly as a human interval.
    const created = this.create(job).repeatEvery(cronFields(job.cron), {
      timezone: job.timezone,
      skipImmediate: true,
    });
    if (created.attrs.failReason || !created.attrs.nextRunAt) {
      throw new Error(
        `invalid cron "${job.cron}" for job ${job.name}/${job.key}: ${created.attrs.failReason}`,
      );
    }
    await created.save();
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.agenda.start();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    // Stops claiming and releases the jobs locked but not started, so a restart fires them on time.
    await this.agenda.stop();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.stopTimeout)));
    await Promise.race([Promise.allSettled([...this.running]), timeout]);
    clearTimeout(timer);
    if (this.running.size > 0)
      this.logger.warn({ running: this.running.size }, 'scheduler stopped with handlers running');
    // Agenda saves the outcome (and removes the job) just after the handler returns.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * A handler that failed on the store (a full disk) is run again after a pause that grows while
   * the outage lasts: what it was to do (wake runs, launch a hook, start a schedule) would
   * otherwise be lost. Other failures are defects and are not retried.
   */
  private readonly retryOnStoreError = ({ error }: { error: Error }): number | null =>
    asStoreError(error) ? this.jobs.failed(error) : null;

  private create<T>(job: { name: string; key: string; data: T }) {
    const envelope: Envelope<T> = { key: job.key, payload: job.data };
    return this.agenda.create<Envelope<T>>(job.name, envelope).unique({ 'data.key': job.key });
  }
}

const consoleLogger: SchedulerLogger = {
  error: (details, message) => console.error(message, details),
  warn: (details, message) => console.warn(message, details),
  info: (details, message) => console.info(message, details),
};

/**
 * `backend` whose claims let the event loop turn first and stop with the scheduler. Agenda
 * claims job after job in one chain of promises and node:sqlite answers each at once: hundreds
 * of claims held the event loop (requests, the heartbeat) for seconds, long enough for other
 * processes to take this one for dead. A claim still waiting for its turn when the scheduler
 * stops finds nothing: Agenda would keep a job it locked after it stopped locked until the lock
 * expired, and a restart would not fire it.
 */
function claimingWhile(backend: AgendaBackend, open: () => boolean): AgendaBackend {
  const { repository } = backend;
  const claim: JobRepository['getNextJobToRun'] = async (...args) => {
    await new Promise((resolve) => setImmediate(resolve));
    return open() ? repository.getNextJobToRun(...args) : undefined;
  };
  const claiming = new Proxy(repository, {
    get: (target, property, receiver) =>
      property === 'getNextJobToRun' ? claim : Reflect.get(target, property, receiver),
  });
  // The backend's own fields and methods, with the repository swapped.
  return Object.assign(Object.create(backend) as AgendaBackend, { repository: claiming });
}
