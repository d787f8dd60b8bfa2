import type { Logger } from 'pino';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { RunStore } from '../store/ports/run-store.ts';
import type { Clock } from './clock.ts';

export const WAKE_JOB = 'runs.wake';
const WAKE_KEY = 'due-runs';
const BATCH = 500;

/**
 * Wakes waiting runs on time with one Agenda job instead of one per run: a run's wake time is
 * saved in its own row, in the step's transaction, so nothing can be lost between saving and
 * scheduling. The job is armed at the earliest wake time; when it fires it resumes every due
 * run in batches and re-arms itself at the next one. At start it is armed from the table.
 */
export class WakeTimer {
  private readonly scheduler: Scheduler;
  private readonly runs: RunStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private onDue: (wakes: { runId: string; visit: number }[]) => Promise<void> = async () => {};
  /** When the wake job is due, as far as this process armed it; null when unknown or firing. */
  private armedAt: number | null = null;

  constructor(options: { scheduler: Scheduler; runs: RunStore; clock: Clock; logger: Logger }) {
    this.scheduler = options.scheduler;
    this.runs = options.runs;
    this.clock = options.clock;
    this.logger = options.logger;
  }

  /** Registers the job; `onDue` resumes a batch of due runs. Call before the scheduler starts. */
  define(onDue: (wakes: { runId: string; visit: number }[]) => Promise<void>): void {
    this.onDue = onDue;
    this.scheduler.define(WAKE_JOB, () => this.fire(), { concurrency: 1 });
  }

  /** Makes sure the job fires no later than `at` (a step just saved a wake time). */
  async ensure(at: number): Promise<void> {
    if (this.armedAt !== null && this.armedAt <= at) return;
    this.armedAt = at;
    await this.scheduler.scheduleAt({ name: WAKE_JOB, key: WAKE_KEY, at: new Date(at), data: {} });
  }

  /** Arms the job from the saved wake times (start-up). */
  async recover(): Promise<void> {
    this.armedAt = null;
    const next = await this.runs.nextWakeAt();
    if (next !== null) await this.ensure(next);
  }

  private async fire(): Promise<void> {
    // Forget the armed time first: a wake saved while we work must re-arm the job.
    this.armedAt = null;
    for (;;) {
      const due = await this.runs.dueWakes({ now: this.clock.now(), limit: BATCH });
      if (due.length === 0) break;
      try {
        await this.onDue(due);
      } catch (error) {
        this.logger.error({ err: error, count: due.length }, 'waking runs failed; retrying at the next arm');
        break;
      }
      if (due.length < BATCH) break;
    }
    const next = await this.runs.nextWakeAt();
    if (next === null) return;
    // A run still due now could not be resumed (its batch failed): try again shortly, not in a loop.
    const now = this.clock.now();
    await this.ensure(next <= now ? now + 1000 : next);
  }
}
