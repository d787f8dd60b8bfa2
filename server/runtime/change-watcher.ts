import type { Logger } from 'pino';
import type { ChangeStampStore, ChangeTopic } from '../store/ports/change-stamp-store.ts';

/** How often the stamps are read: a change made through any process is in force within it. */
const POLL_MS = 250;

/**
 * Keeps what this process caches in line with the store when other processes change it: polls
 * the change stamps and calls the refresh of every topic whose stamp moved. A failed read or
 * refresh is logged once and tried again at the next poll (the stamp is only taken as seen once
 * its refresh succeeded).
 */
export class ChangeWatcher {
  private readonly stamps: ChangeStampStore;
  private readonly logger: Logger;
  private readonly refreshers = new Map<ChangeTopic, () => Promise<void> | void>();
  private seen: Partial<Record<ChangeTopic, number>> = {};
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private failing = false;

  constructor(options: { stamps: ChangeStampStore; logger: Logger }) {
    this.stamps = options.stamps;
    this.logger = options.logger;
  }

  /** Registers what to re-read when `topic` changes; call before `start`. */
  on(topic: ChangeTopic, refresh: () => Promise<void> | void): void {
    this.refreshers.set(topic, refresh);
  }

  /** Takes the current stamps as seen (the caches were just loaded) and starts polling. */
  async start(): Promise<void> {
    this.seen = await this.stamps.read();
    this.timer = setInterval(() => {
      this.polling ??= this.poll().finally(() => {
        this.polling = null;
      });
    }, POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
  }

  /** One look at the stamps; exposed so tests and callers can force it. */
  async poll(): Promise<void> {
    try {
      const current = await this.stamps.read();
      for (const [topic, refresh] of this.refreshers) {
        if (current[topic] === this.seen[topic]) continue;
        await refresh();
        this.seen[topic] = current[topic];
      }
      if (this.failing) this.logger.info('change stamps are read again; caches follow the store');
      this.failing = false;
    } catch (error) {
      if (!this.failing) {
        this.logger.error({ err: error }, 'reading change stamps failed; caches may lag until it works');
      }
      this.failing = true;
    }
  }
}
