import type { SettingsStore } from './ports/settings-store.ts';
import { asStoreError, StoreError, type StoreErrorCode } from './store-error.ts';

/** What `/health` says about the store. */
export type StoreHealthReport =
  | { ok: true }
  | { ok: false; code: StoreErrorCode; reason: string; since: string; retryAfterSeconds: number };

/** Settings key the probes read and write; its value is scratch. */
const PROBE_KEY = 'store-health-probe';
/**
 * The write probe stores this much and then clears it: a one-row update can succeed on a full
 * disk (SQLite reuses WAL and free pages), while a request of a few hundred KB would not.
 */
const PROBE_BYTES = 64 * 1024;
/** While writes fail, the store is probed at most this often, however often `/health` is asked. */
const WRITE_PROBE_INTERVAL_MS = 1000;
/** `/health` never waits longer for a probe: past it, it answers from the last finished one. */
const PROBE_BUDGET_MS = 50;

interface Failure {
  error: StoreError;
  since: number;
}

/**
 * The store's health as the process has seen it: the outcome of the last failed write (routes
 * and background loops report store errors here) and a cheap probe. While healthy a check is a
 * one-row read; once a write failed, a check writes (at most once a second) until a write goes
 * through again, so `/health` recovers by itself even when no traffic arrives (a load balancer
 * that stopped sending any would otherwise never see it recover).
 *
 * @example
 * const health = new StoreHealth({ settings: store.settings });
 * health.failed(error); // true: a new outage (log it), false: already known
 * const report = await health.check(); // { ok: false, code: 'storage_full', reason, since, … }
 */
export class StoreHealth {
  private readonly settings: SettingsStore;
  private readonly now: () => number;
  private failure: Failure | null = null;
  private lastWriteProbe = 0;
  private probing: Promise<void> | null = null;

  constructor(options: { settings: SettingsStore; now?: () => number }) {
    this.settings = options.settings;
    this.now = options.now ?? Date.now;
  }

  /**
   * Records a failure when `error` is a store error. True when it starts an outage or changes
   * its reason (the caller logs it then, and not for every request or retry that follows).
   */
  failed(error: unknown): boolean {
    const storeError = asStoreError(error);
    if (!storeError) return false;
    const previous = this.failure;
    this.failure = { error: storeError, since: previous?.since ?? this.now() };
    return previous === null || previous.error.message !== storeError.message;
  }

  /** Probes the store within a small time budget and reports. */
  async check(): Promise<StoreHealthReport> {
    this.probing ??= this.probe().finally(() => (this.probing = null));
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<void>((resolve) => (timer = setTimeout(resolve, PROBE_BUDGET_MS)));
    await Promise.race([this.probing, budget]);
    clearTimeout(timer);
    return this.report();
  }

  private report(): StoreHealthReport {
    if (!this.failure) return { ok: true };
    const { error, since } = this.failure;
    return {
      ok: false,
      code: error.storeCode,
      reason: error.message,
      since: new Date(since).toISOString(),
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }

  private async probe(): Promise<void> {
    try {
      if (!this.failure) {
        await this.settings.get(PROBE_KEY);
        return;
      }
      if (this.now() - this.lastWriteProbe < WRITE_PROBE_INTERVAL_MS) return;
      this.lastWriteProbe = this.now();
      await this.settings.put(PROBE_KEY, 'x'.repeat(PROBE_BYTES));
      await this.settings.put(PROBE_KEY, '');
      this.failure = null;
    } catch (error) {
      // The probe does nothing but use the store: whatever it throws, the store is unusable.
      if (!this.failed(error) && !asStoreError(error)) {
        this.failure = {
          error: new StoreError('store_unavailable', error),
          since: this.failure?.since ?? this.now(),
        };
      }
    }
  }
}
