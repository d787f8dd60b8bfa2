import type { Logger } from 'pino';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { RunStore } from '../store/ports/run-store.ts';
import type { RunChange } from '../store/ports/store.ts';

export const WAKE_JOB = 'run.wake';

export interface WakeJobData {
  runId: string;
  visit: number;
}

/**
 * Carries out effects once their step is saved (the outbox's second half): wake timers go to
 * the scheduler, deliveries wake the delivery worker. A crash in between loses nothing:
 * `recover()` re-dispatches timers still marked pending, and the worker polls deliveries.
 */
export class EffectDispatcher {
  private readonly scheduler: Scheduler;
  private readonly runs: RunStore;
  private readonly onDeliveries: () => void;
  private readonly logger: Logger;

  constructor(options: { scheduler: Scheduler; runs: RunStore; onDeliveries: () => void; logger: Logger }) {
    this.scheduler = options.scheduler;
    this.runs = options.runs;
    this.onDeliveries = options.onDeliveries;
    this.logger = options.logger;
  }

  async dispatch(changes: readonly RunChange[]): Promise<void> {
    if (changes.some((change) => change.deliveries.length > 0)) this.onDeliveries();
    const timers = changes.filter((change) => change.run.timerPending).map((change) => change.run);
    if (timers.length === 0) return;
    await this.schedule(timers.map((run) => ({ runId: run.id, visit: run.wakeVisit!, at: run.wakeAt! })));
  }

  /** Hands every saved-but-unscheduled timer to the scheduler (start-up recovery). */
  async recover(): Promise<number> {
    let total = 0;
    for (;;) {
      const pending = await this.runs.listPendingTimers(500);
      if (pending.length === 0) return total;
      await this.schedule(pending.map((run) => ({ runId: run.id, visit: run.wakeVisit!, at: run.wakeAt! })));
      total += pending.length;
    }
  }

  private async schedule(timers: { runId: string; visit: number; at: number }[]): Promise<void> {
    for (const timer of timers) {
      const data: WakeJobData = { runId: timer.runId, visit: timer.visit };
      await this.scheduler.scheduleAt({ name: WAKE_JOB, key: timer.runId, at: new Date(timer.at), data });
    }
    await this.runs.markTimersScheduled(timers);
    this.logger.debug({ count: timers.length }, 'wake timers scheduled');
  }
}
