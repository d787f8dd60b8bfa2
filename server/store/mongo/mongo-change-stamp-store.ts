import type { ChangeStream, Db } from 'mongodb';
import { CHANGE_TOPICS, type ChangeStampStore, type ChangeTopic } from '../ports/change-stamp-store.ts';

/** The collections whose changes move each topic's stamp. */
const WATCHED: Readonly<Record<string, ChangeTopic>> = {
  scenarios: 'catalog',
  integrations: 'integrations',
  subscriptions: 'subscriptions',
};

/**
 * Stamps from one change stream over the watched collections (a replica set, which Hookflow
 * requires, always has them): every change moves its topic's stamp in this process, whichever
 * process or machine wrote it. While the stream is down (a failover, a lost resume point) every
 * stamp moves on each read, so callers re-read rather than trust stale caches, until it is back.
 */
export class MongoChangeStampStore implements ChangeStampStore {
  private readonly db: Db;
  private readonly stamps = Object.fromEntries(CHANGE_TOPICS.map((topic) => [topic, 0])) as Record<
    ChangeTopic,
    number
  >;
  private stream: ChangeStream | null = null;
  private healthy = false;
  private closed = false;

  constructor(db: Db) {
    this.db = db;
  }

  /** Opens the change stream; called once by the store when it opens. */
  open(): void {
    if (this.closed) return;
    const stream = this.db.watch([{ $match: { 'ns.coll': { $in: Object.keys(WATCHED) } } }], {
      fullDocument: 'default',
    });
    this.stream = stream;
    this.healthy = true;
    stream.on('change', (change) => {
      const namespace = 'ns' in change ? change.ns : undefined;
      const collection = namespace && 'coll' in namespace ? String(namespace.coll) : undefined;
      const topic = collection ? WATCHED[collection] : undefined;
      if (topic) this.stamps[topic] += 1;
    });
    stream.on('error', () => {
      this.healthy = false;
      void stream.close().catch(() => {});
      if (!this.closed) setTimeout(() => this.open(), 1000).unref();
    });
  }

  async read(): Promise<Record<ChangeTopic, number>> {
    if (!this.healthy) for (const topic of CHANGE_TOPICS) this.stamps[topic] += 1;
    return { ...this.stamps };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stream?.close();
  }
}
