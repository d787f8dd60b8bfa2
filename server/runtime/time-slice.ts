/** How long a pass of synchronous work may hold the event loop before it lets I/O in. */
export const SLICE_MS = 10;

/**
 * Cooperative time slicing for long passes of work: node:sqlite calls are synchronous, so a
 * loop over thousands of runs never reaches the event loop on its own (an `await` of a store
 * call only runs microtasks), and requests, timers and webhook answers wait until it ends.
 * `maybeYield()` in such a loop steps out to the event loop (setImmediate) whenever the slice's
 * budget is spent.
 *
 * @example
 * const slice = new TimeSlice();
 * for (const run of due) { step(run); await slice.maybeYield(); }
 */
export class TimeSlice {
  private readonly budgetMs: number;
  private started = performance.now();

  constructor(budgetMs = SLICE_MS) {
    this.budgetMs = budgetMs;
  }

  async maybeYield(): Promise<void> {
    if (performance.now() - this.started < this.budgetMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}
