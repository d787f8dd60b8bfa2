import type { Collection } from 'mongodb';
import type { ApiKeyScope, ApiKeySummary } from '../../../engine/api-keys/api-key-schema.ts';
import type { ApiKeyRecord, ApiKeyStore } from '../ports/api-key-store.ts';

/** One named key; `hash` has a unique index (the auth hook looks keys up by it). */
export interface ApiKeyDocument {
  _id: string;
  name: string;
  scope: ApiKeyScope;
  hint: string;
  hash: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const toSummary = (doc: ApiKeyDocument): ApiKeySummary => ({
  id: doc._id,
  name: doc.name,
  scope: doc.scope,
  hint: doc.hint,
  createdAt: doc.createdAt,
  lastUsedAt: doc.lastUsedAt,
});

export class MongoApiKeyStore implements ApiKeyStore {
  private readonly keys: Collection<ApiKeyDocument>;

  constructor(keys: Collection<ApiKeyDocument>) {
    this.keys = keys;
  }

  async create(record: ApiKeyRecord): Promise<void> {
    const { id, ...rest } = record;
    await this.keys.insertOne({ _id: id, ...rest });
  }

  async list(): Promise<ApiKeySummary[]> {
    const docs = await this.keys
      .find({}, { sort: { createdAt: 1, _id: 1 }, projection: { hash: 0 } })
      .toArray();
    return docs.map(toSummary);
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | null> {
    const doc = await this.keys.findOne({ hash });
    return doc ? { ...toSummary(doc), hash: doc.hash } : null;
  }

  async touch(id: string, at: string): Promise<void> {
    await this.keys.updateOne({ _id: id }, { $set: { lastUsedAt: at } });
  }

  async delete(id: string): Promise<boolean> {
    return (await this.keys.deleteOne({ _id: id })).deletedCount > 0;
  }
}
