import type { ClientSession, Collection, MongoClient } from 'mongodb';
import type { NoticeDraft } from '../ports/notice-store.ts';
import type { MongoCollections } from './mongo-collections.ts';
import { type NoticeDocument, insertNotices } from './mongo-notice-store.ts';
import { inTransaction } from './mongo-transaction.ts';
import type { FanOutPage, FanOutState, FanOutStore } from '../ports/fan-out-store.ts';
import type { MongoProcessStore } from './mongo-process-store.ts';

/**
 * The target and attributes are kept as JSON text: they are user data (keys may start with "$"
 * or hold "."), never queried, and read back exactly as the SQLite adapter gives them.
 */
export interface FanOutDocument extends Omit<FanOutState, 'id' | 'target' | 'setAttributes'> {
  _id: string;
  target: string;
  setAttributes: string | null;
}

const toDocument = ({ id, target, setAttributes, ...rest }: FanOutState): FanOutDocument => ({
  _id: id,
  ...rest,
  target: JSON.stringify(target),
  setAttributes: setAttributes === null ? null : JSON.stringify(setAttributes),
});

const toState = ({ _id, target, setAttributes, ...rest }: FanOutDocument): FanOutState => ({
  id: _id,
  ...rest,
  // Fan-outs saved before audiences were counted have none.
  audience: rest.audience ?? null,
  target: JSON.parse(target),
  setAttributes: setAttributes === null ? null : JSON.parse(setAttributes),
});

export class MongoFanOutStore implements FanOutStore {
  private readonly client: MongoClient;
  private readonly fanOuts: Collection<FanOutDocument>;
  private readonly notices: Collection<NoticeDocument>;
  private readonly processes: MongoProcessStore;

  constructor(
    client: MongoClient,
    collections: Pick<MongoCollections, 'fanOuts' | 'notices'>,
    processes: MongoProcessStore,
  ) {
    this.client = client;
    this.fanOuts = collections.fanOuts;
    this.notices = collections.notices;
    this.processes = processes;
  }

  async create(state: FanOutState): Promise<void> {
    await this.fanOuts.insertOne(toDocument(state));
  }

  async get(id: string): Promise<FanOutState | null> {
    const doc = await this.fanOuts.findOne({ _id: id });
    return doc ? toState(doc) : null;
  }

  async list(scenarioId: string, limit: number): Promise<FanOutState[]> {
    const docs = await this.fanOuts.find({ scenarioId }).sort({ _id: -1 }).limit(limit).toArray();
    return docs.map(toState);
  }

  async latest(scenarioId: string, triggerNodeId: string): Promise<FanOutState | null> {
    const doc = await this.fanOuts.findOne({ scenarioId, triggerNodeId }, { sort: { _id: -1 } });
    return doc ? toState(doc) : null;
  }

  async setAudience(id: string, audience: number): Promise<void> {
    await this.fanOuts.updateOne({ _id: id }, { $set: { audience } });
  }

  async takeOver(options: { owner: string; liveSince: number; limit: number }): Promise<FanOutState[]> {
    const live = await this.processes.liveIds(options.liveSince);
    // $nin also matches a null owner (handed back).
    const orphans = await this.fanOuts
      .find({ status: 'running', owner: { $nin: live } }, { projection: { _id: 1, owner: 1 } })
      .sort({ _id: 1 })
      .limit(options.limit)
      .toArray();
    const taken: FanOutState[] = [];
    for (const orphan of orphans) {
      // Only if still as read: another process may have taken it meanwhile.
      const doc = await this.fanOuts.findOneAndUpdate(
        { _id: orphan._id, status: 'running', owner: orphan.owner },
        { $set: { owner: options.owner } },
        { returnDocument: 'after' },
      );
      if (doc) taken.push(toState(doc));
    }
    return taken;
  }

  async release(owner: string): Promise<number> {
    const { modifiedCount } = await this.fanOuts.updateMany(
      { status: 'running', owner },
      { $set: { owner: null } },
    );
    return modifiedCount;
  }

  async finish(
    id: string,
    outcome: { status: 'done' | 'failed'; error: string | null; at: string; notices?: NoticeDraft[] },
  ): Promise<boolean> {
    return inTransaction(this.client, async (session) => {
      const { matchedCount } = await this.fanOuts.updateOne(
        { _id: id, status: 'running' },
        {
          $set: {
            status: outcome.status,
            error: outcome.error,
            updatedAt: outcome.at,
            finishedAt: outcome.at,
          },
        },
        { session },
      );
      if (matchedCount !== 1) return false;
      if (outcome.notices) await insertNotices(this.notices, outcome.notices, session);
      return true;
    });
  }
}

/**
 * Saves a fan-out page's progress inside the commit of its runs (`CommitBatch.fanOutPage`);
 * false when the fan-out is not running at the page's starting cursor, or not for this owner.
 */
export async function advanceFanOut(
  fanOuts: Collection<FanOutDocument>,
  page: FanOutPage,
  session: ClientSession,
): Promise<boolean> {
  const { matchedCount } = await fanOuts.updateOne(
    { _id: page.id, status: 'running', cursor: page.after, owner: page.owner },
    { $set: { cursor: page.cursor, started: page.started, updatedAt: page.updatedAt } },
    { session },
  );
  return matchedCount === 1;
}
