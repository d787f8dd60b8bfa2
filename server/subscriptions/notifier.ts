import type { Logger } from 'pino';
import type { Clock } from '../runtime/clock.ts';
import { ResilientLoop } from '../runtime/resilient-loop.ts';
import type { StoreHealth } from '../store/store-health.ts';
import type { NoticeExpander } from './notice-expander.ts';
import type { SubscriptionAlerts } from './subscription-alerts.ts';
import type { SubscriptionSender } from './subscription-sender.ts';

export interface NotifierOptions {
  expander: NoticeExpander;
  sender: SubscriptionSender;
  alerts: SubscriptionAlerts;
  /** True while scenario webhooks are being sent: the notifier waits for a quiet moment. */
  busy: () => boolean;
  clock: Clock;
  logger: Logger;
  health?: StoreHealth;
  /** Poll when nothing nudges it (default 1 s): flush ticks, retries and other processes' events. */
  idleMs?: number;
  /** How long it waits between looks while scenario webhooks are busy (default 50 ms). */
  yieldMs?: number;
  /** It works anyway after this long of steady scenario traffic, so events are never held for ever (default 2 s). */
  maxDeferMs?: number;
  /** Notices expanded per pass (default 200). */
  batch?: number;
}

/** Alerts are looked at this often. */
const ALERT_EVERY_MS = 5000;

/**
 * The event subscriptions' background loop: expands outbox notices into deliveries, sends them,
 * and sends failing alerts. It runs below scenario webhooks: while their worker is busy it looks
 * again every `yieldMs` and only works once `maxDeferMs` has passed since it last did, and its
 * calls in flight are bounded (SubscriptionSender). It survives store and network errors (logged
 * once per outage, retried with backoff): notices and deliveries stay in the store meanwhile.
 */
export class Notifier {
  private readonly options: Required<Omit<NotifierOptions, 'health'>> & Pick<NotifierOptions, 'health'>;
  private readonly loop: ResilientLoop;
  private running = false;
  private done: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private nudged = false;
  private lastWork = 0;
  private lastAlerts = 0;

  constructor(options: NotifierOptions) {
    this.options = { idleMs: 1000, yieldMs: 50, maxDeferMs: 2000, batch: 200, ...options };
    const { logger, health } = options;
    this.loop = new ResilientLoop({ name: 'subscription notifier', logger, ...(health ? { health } : {}) });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  /** New notices were saved, or a subscription came back: look now. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** Stops looking and waits for the calls in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.done;
    await this.options.sender.drain();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let wait: number;
      try {
        wait = await this.pass();
        this.loop.succeeded();
      } catch (error) {
        wait = this.loop.failed(error);
      }
      await this.pause(wait);
    }
  }

  /** One pass; returns how long to wait before the next. */
  private async pass(): Promise<number> {
    const { clock, busy, yieldMs, maxDeferMs, idleMs, batch, expander, sender, alerts } = this.options;
    const now = clock.now();
    if (busy() && now - this.lastWork < maxDeferMs) return yieldMs;
    this.lastWork = now;
    const expanded = await expander.pass(batch);
    const claimed = await sender.pass();
    if (now - this.lastAlerts >= ALERT_EVERY_MS) {
      this.lastAlerts = now;
      await alerts.pass();
    }
    if (expanded > 0 || (claimed > 0 && !sender.full())) return 0;
    return sender.full() ? yieldMs : idleMs;
  }

  /**
   * Waits `ms`. Only an idle wait ends early on a nudge: while it yields to scenario webhooks,
   * every saved step nudges it, and waking on each would spin.
   */
  private pause(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    const wakeable = ms >= this.options.idleMs;
    if (wakeable && this.nudged) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = wakeable ? finish : null;
    });
  }
}
