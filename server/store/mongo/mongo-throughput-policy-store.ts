import type { Collection } from 'mongodb';
import type { ThroughputPolicyRecord, ThroughputPolicyStore } from '../ports/throughput-policy-store.ts';

export type ThroughputPolicyDocument = Omit<ThroughputPolicyRecord, 'id'> & { _id: string };

const toRecord = ({ _id, ...rest }: ThroughputPolicyDocument): ThroughputPolicyRecord => ({
  id: _id,
  ...rest,
});

export class MongoThroughputPolicyStore implements ThroughputPolicyStore {
  private readonly policies: Collection<ThroughputPolicyDocument>;

  constructor(policies: Collection<ThroughputPolicyDocument>) {
    this.policies = policies;
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

  async delete(id: string): Promise<boolean> {
    return (await this.policies.deleteOne({ _id: id })).deletedCount > 0;
  }
}
