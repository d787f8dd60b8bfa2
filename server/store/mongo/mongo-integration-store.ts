import type { Collection } from 'mongodb';
import type { IntegrationRecord, IntegrationStore } from '../ports/integration-store.ts';
import { literalSet, plainJson } from './plain-json.ts';

export interface IntegrationDocument {
  _id: string;
  name: string;
  type: IntegrationRecord['type'];
  endpointPrefix: string;
  settings: Record<string, unknown>;
  sealedSecrets: string;
  createdAt: string;
  updatedAt: string;
}

const toIntegration = (doc: IntegrationDocument): IntegrationRecord => ({
  id: doc._id,
  name: doc.name,
  type: doc.type,
  endpointPrefix: doc.endpointPrefix,
  settings: doc.settings,
  sealedSecrets: doc.sealedSecrets,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

export class MongoIntegrationStore implements IntegrationStore {
  private readonly integrations: Collection<IntegrationDocument>;

  constructor(integrations: Collection<IntegrationDocument>) {
    this.integrations = integrations;
  }

  /** Inserts or replaces; an existing integration keeps its createdAt. */
  async put(record: IntegrationRecord): Promise<void> {
    const { id, createdAt, settings, ...fields } = record;
    await this.integrations.updateOne(
      { _id: id },
      [
        literalSet({ ...fields, settings: plainJson(settings) }),
        { $set: { createdAt: { $ifNull: ['$createdAt', { $literal: createdAt }] } } },
      ],
      { upsert: true },
    );
  }

  async get(id: string): Promise<IntegrationRecord | null> {
    const doc = await this.integrations.findOne({ _id: id });
    return doc ? toIntegration(doc) : null;
  }

  async list(): Promise<IntegrationRecord[]> {
    const docs = await this.integrations.find({}, { sort: { name: 1, _id: 1 } }).toArray();
    return docs.map(toIntegration);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.integrations.deleteOne({ _id: id })).deletedCount > 0;
  }
}
