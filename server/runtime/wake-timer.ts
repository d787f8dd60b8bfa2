import type { Logger } from 'pino';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { RunStore } from '../store/ports/run-store.ts';
import type { StoreHealth } from '../store/store-health.ts';
import type { Clock } from './clock.ts';
import { ResilientLoop } from './resilient-loop.ts';

export const WAKE_JOB = 'runs.wake';
/** Runs woken per transaction; between batches the loop lets I/O in, so their deliveries leave. */
const BATCH = 200;

/**
 * Wakes waiting runs on time with one Agenda job per process instead of one per run: a run's
 * wake time is saved in its own row, in the step's transaction, so nothing can be lost between
 * saving and scheduling. The job is armed at the earliest wake time this process saved; when it
 * fires (in whichever process Agenda's lock gives it to) it resumes every due run in batches and
 * re-arms at the next one. At start it is armed from the table.
 *
 * One job per process, not one for all: a process knows only the wake times it saved, and
 * re-arming a shared job at a later time would push back a wake another process armed earlier.
 */
export class WakeTimer {
  private readonly scheduler: Scheduler;
  private readonly runs: RunStore;
  private readonly clock: Clock;
  private readonly loop: ResilientLoop;
  private readonly key: string;
  private onDue: (wakes: { runId: string; visit: number }[]) => Promise<void> = async () => {};
  /** When the wake job is due, as far as this process armed it; null when unknown or firing. */
  private armedAt: number | null = null;
  /** Arming failed (a full disk): arm again from the saved wake times after a pause. */
  private rearm: NodeJS.Timeout | null = null;

  constructor(options: {
    scheduler: Scheduler;
    runs: RunStore;
    clock: Clock;
    logger: Logger;
    health?: StoreHealth;
    /** This process's id: its wake job's key. */
    owner: string;
  }) {
    this.key = `due-runs/${options.owner}`;
    this.scheduler = options.scheduler;
    this.runs = options.runs;
    this.clock = options.clock;
    const { logger, health } = options;
    this.loop = new ResilientLoop({ name: 'wake timer', logger, ...(health ? { health } : {}) });
  }

  /** Registers the job; `onDue` resumes a batch of due runs. Call before the scheduler starts. */
  define(onDue: (wakes: { runId: string; visit: number }[]) => Promise<void>): void {
    this.onDue = onDue;
    this.scheduler.define(WAKE_JOB, () => this.fire(), { concurrency: 1 });
  }

  /**
   * Makes sure the job fires no later than `at` (a step just saved a wake time). Never throws:
   * the wake time is saved with its run, so when the job cannot be saved (the store is full) it
   * is armed again from the saved wake times later, and the step that saved it stands.
   */
  async ensure(at: number): Promise<void> {
    // An armed time already past may have fired in another process: arm again to be sure.
    const armed = this.armedAt !== null && this.armedAt > this.clock.now();
    if (armed && this.armedAt! <= at) return;
    this.armedAt = at;
    try {
      await this.scheduler.scheduleAt({ name: WAKE_JOB, key: this.key, at: new Date(at), data: {} });
      this.loop.succeeded();
    } catch (error) {
      if (this.armedAt === at) this.armedAt = null;
      this.rearmIn(this.loop.failed(error));
    }
  }

  /** Arms the job from the saved wake times (start-up). */
  async recover(): Promise<void> {
    this.armedAt = null;
    const next = await this.runs.nextWakeAt();
    if (next !== null) await this.ensure(next);
  }

  /** Drops a pending re-arm (the process is stopping; the next start arms from the table). */
  stop(): void {
    if (this.rearm) clearTimeout(this.rearm);
    this.rearm = null;
  }

  private rearmIn(delay: number): void {
    if (this.rearm) return;
    this.rearm = setTimeout(() => {
      this.rearm = null;
      this.recover().catch((error: unknown) => this.rearmIn(this.loop.failed(error)));
    }, delay);
    this.rearm.unref();
  }

  private async fire(): Promise<void> {
    // Forget the armed time first: a wake saved while we work must re-arm the job.
    this.armedAt = null;
    let next: number | null;
    try {
      await this.wakeDue();
      next = await this.runs.nextWakeAt();
      this.loop.succeeded();
    } catch (error) {
      // The runs stay due in the store: try again after a pause that grows while this lasts.
      await this.ensure(this.clock.now() + this.loop.failed(error));
      return;
    }
    if (next === null) return;
    // A run still due now could not be resumed (it gave up on save conflicts): try again shortly, not in a loop.
    const now = this.clock.now();
    await this.ensure(next <= now ? now + 1000 : next);
  }

  private async wakeDue(): Promise<void> {
    for (;;) {
      const due = await this.runs.dueWakes({ now: this.clock.now(), limit: BATCH });
      if (due.length > 0) await this.onDue(due);
      if (due.length < BATCH) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
