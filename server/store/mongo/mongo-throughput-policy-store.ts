import type { Collection, MongoClient } from 'mongodb';
import type { MongoCollections } from './mongo-collections.ts';
import { inTransaction } from './mongo-transaction.ts';
import type { ThroughputPolicyRecord, ThroughputPolicyStore } from '../ports/throughput-policy-store.ts';

export type ThroughputPolicyDocument = Omit<ThroughputPolicyRecord, 'id'> & { _id: string };

const toRecord = ({ _id, ...rest }: ThroughputPolicyDocument): ThroughputPolicyRecord => ({
  id: _id,
  ...rest,
});

export class MongoThroughputPolicyStore implements ThroughputPolicyStore {
  private readonly client: MongoClient;
  private readonly policies: Collection<ThroughputPolicyDocument>;
  private readonly collections: Pick<MongoCollections, 'deliveries'>;

  constructor(client: MongoClient, collections: Pick<MongoCollections, 'deliveries' | 'throughputPolicies'>) {
    this.client = client;
    this.policies = collections.throughputPolicies;
    this.collections = collections;
  }

  async put({ id, ...rest }: ThroughputPolicyRecord): Promise<void> {
    await this.policies.replaceOne({ _id: id }, rest, { upsert: true });
  }

  async get(id: string): Promise<ThroughputPolicyRecord | null> {
    const doc = await this.policies.findOne({ _id: id });
    return doc ? toRecord(doc) : null;
  }

  async list(): Promise<ThroughputPolicyRecord[]> {
    return (await this.policies.find().sort({ name: 1, _id: 1 }).toArray()).map(toRecord);
  }

  /** Its deliveries still open go on without a limit (claims only count existing policies). */
  async delete(id: string): Promise<boolean> {
    return inTransaction(this.client, async (session) => {
      await this.collections.deliveries.updateMany(
        { policyId: id, status: { $in: ['pending', 'sending'] } },
        { $set: { policyId: null } },
        { session },
      );
      return (await this.policies.deleteOne({ _id: id }, { session })).deletedCount > 0;
    });
  }
}
