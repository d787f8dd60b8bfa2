import type { Collection, MongoClient } from 'mongodb';
import type { SubscriptionHealth, SubscriptionInput } from '../../../engine/subscriptions/index.ts';
import type { SubscriptionRecord, SubscriptionStore } from '../ports/subscription-store.ts';
import type { MongoCollections } from './mongo-collections.ts';
import { inTransaction } from './mongo-transaction.ts';
import { plainJson } from './plain-json.ts';

export interface SubscriptionDocument {
  _id: string;
  name: string;
  /** What the user set, name included (the same JSON the SQLite adapter stores). */
  definition: SubscriptionInput;
  health: SubscriptionHealth;
  lastAlertAt: number | null;
  createdAt: string;
  updatedAt: string;
}

export const toSubscription = (doc: SubscriptionDocument): SubscriptionRecord => ({
  id: doc._id,
  ...doc.definition,
  health: doc.health,
  lastAlertAt: doc.lastAlertAt,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

export class MongoSubscriptionStore implements SubscriptionStore {
  private readonly client: MongoClient;
  private readonly collections: MongoCollections;
  private readonly subscriptions: Collection<SubscriptionDocument>;

  constructor(client: MongoClient, collections: MongoCollections) {
    this.client = client;
    this.collections = collections;
    this.subscriptions = collections.subscriptions;
  }

  async create(record: SubscriptionRecord): Promise<void> {
    const { id, health, lastAlertAt, createdAt, updatedAt, ...input } = record;
    await this.subscriptions.insertOne({
      _id: id,
      name: input.name,
      definition: plainJson(input),
      health,
      lastAlertAt,
      createdAt,
      updatedAt,
    });
  }

  async update(id: string, input: SubscriptionInput, now: string): Promise<SubscriptionRecord | null> {
    const doc = await this.subscriptions.findOneAndUpdate(
      { _id: id },
      {
        $set: {
          name: input.name,
          definition: plainJson(input),
          'health.consecutiveFailures': 0,
          'health.disabledAt': null,
          'health.failingSince': null,
          lastAlertAt: null,
          updatedAt: now,
        },
      },
      { returnDocument: 'after' },
    );
    return doc ? toSubscription(doc) : null;
  }

  async get(id: string): Promise<SubscriptionRecord | null> {
    const doc = await this.subscriptions.findOne({ _id: id });
    return doc ? toSubscription(doc) : null;
  }

  async list(): Promise<SubscriptionRecord[]> {
    const docs = await this.subscriptions.find({}, { sort: { name: 1, _id: 1 } }).toArray();
    return docs.map(toSubscription);
  }

  /** Its deliveries go with it, in the same transaction (MongoDB has no foreign keys). */
  async delete(id: string): Promise<boolean> {
    return inTransaction(this.client, async (session) => {
      const { deletedCount } = await this.subscriptions.deleteOne({ _id: id }, { session });
      if (deletedCount === 0) return false;
      await this.collections.subscriptionDeliveries.deleteMany({ subscriptionId: id }, { session });
      return true;
    });
  }

  async claimAlert(id: string, turn: { now: number; intervalMs: number }): Promise<boolean> {
    const { modifiedCount } = await this.subscriptions.updateOne(
      {
        _id: id,
        $and: [
          { $or: [{ 'health.failingSince': { $ne: null } }, { 'health.disabledAt': { $ne: null } }] },
          { $or: [{ lastAlertAt: null }, { lastAlertAt: { $lte: turn.now - turn.intervalMs } }] },
        ],
      },
      { $set: { lastAlertAt: turn.now } },
    );
    return modifiedCount === 1;
  }
}
