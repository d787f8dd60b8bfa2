/** Where a loop reports: pino's logger fits. */
export interface LoopLogger {
  error(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
}

export interface ResilientLoopOptions {
  /** Names the loop in its log lines, e.g. "delivery worker". */
  name: string;
  logger: LoopLogger;
  /** Told of every failure; the store health records those that are store errors. */
  health?: { failed(error: unknown): unknown };
  /** Wait after the first failure of an outage (default 200 ms); it doubles with each failure. */
  firstDelayMs?: number;
  /** The longest wait between two tries (default 5 s). */
  maxDelayMs?: number;
  now?: () => number;
}

/**
 * A failure this long after the previous one starts a new outage (logged again): loops that
 * only hear of failures (never of a success) cannot end an outage themselves.
 */
const OUTAGE_GAP_MS = 60_000;

/**
 * What every background loop does when a pass fails (a full disk, a lost database, a defect):
 * it survives, waits (doubling from `firstDelayMs`, capped at `maxDelayMs`, with jitter so
 * processes sharing a store do not retry in step) and tries again. The cause is logged once per
 * outage, not once per retry (a full disk must not also fill the log), again only if it changes,
 * and the first good pass logs the recovery with how long the loop was down.
 *
 * @example
 * const loop = new ResilientLoop({ name: 'delivery worker', logger });
 * for (;;) {
 *   try { await pass(); loop.succeeded(); }
 *   catch (error) { await sleep(loop.failed(error)); }
 * }
 */
export class ResilientLoop {
  private readonly options: Required<Omit<ResilientLoopOptions, 'health'>> &
    Pick<ResilientLoopOptions, 'health'>;
  private failures = 0;
  private since = 0;
  private lastFailure = 0;
  private lastCause = '';

  constructor(options: ResilientLoopOptions) {
    this.options = { firstDelayMs: 200, maxDelayMs: 5000, now: Date.now, ...options };
  }

  /** True between a failure and the next good pass. */
  get failing(): boolean {
    return this.failures > 0;
  }

  /** Records a failed pass; returns how long to wait before the next one. */
  failed(error: unknown): number {
    const { name, logger, health, firstDelayMs, maxDelayMs, now } = this.options;
    health?.failed(error);
    const at = now();
    if (this.failures > 0 && at - this.lastFailure > OUTAGE_GAP_MS) this.failures = 0;
    if (this.failures === 0) this.since = at;
    this.failures += 1;
    this.lastFailure = at;
    const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(this.failures - 1, 30));
    const retryInMs = Math.round(delay * (0.8 + Math.random() * 0.4));
    const cause = error instanceof Error ? error.message : String(error);
    if (this.failures === 1 || cause !== this.lastCause) {
      logger.error({ err: error, loop: name, retryInMs }, `${name} failed; retrying until it works`);
      this.lastCause = cause;
    }
    return retryInMs;
  }

  /** Records a good pass; logs the recovery when it ends an outage. */
  succeeded(): void {
    if (this.failures === 0) return;
    const { name, logger, now } = this.options;
    logger.info({ loop: name, failures: this.failures, downMs: now() - this.since }, `${name} recovered`);
    this.failures = 0;
    this.lastCause = '';
  }
}
