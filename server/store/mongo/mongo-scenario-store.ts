import type { MongoClient } from 'mongodb';
import type {
  Scenario,
  ScenarioDefinition,
  ScenarioStatus,
  ScenarioVersion,
} from '../../../engine/scenario/index.ts';
import type { ScenarioPatch, ScenarioStore } from '../ports/scenario-store.ts';
import type { MongoCollections } from './mongo-collections.ts';
import { scenarioNotice, statusNotice } from '../scenario-notices.ts';
import { insertNotices } from './mongo-notice-store.ts';
import { inTransaction } from './mongo-transaction.ts';
import { literalSet, plainJson } from './plain-json.ts';
import { type VersionDocument, scenarioDocument, toScenario, toVersion } from './scenario-documents.ts';

export class MongoScenarioStore implements ScenarioStore {
  private readonly client: MongoClient;
  private readonly collections: MongoCollections;

  constructor(client: MongoClient, collections: MongoCollections) {
    this.client = client;
    this.collections = collections;
  }

  async create(scenario: Scenario): Promise<void> {
    await this.collections.scenarios.insertOne(scenarioDocument(scenario));
  }

  async get(id: string): Promise<Scenario | null> {
    const doc = await this.collections.scenarios.findOne({ _id: id });
    return doc ? toScenario(doc) : null;
  }

  async list(options: { limit: number; offset: number }): Promise<Scenario[]> {
    // A limit of 0 means "no limit" to MongoDB.
    if (options.limit <= 0) return [];
    const docs = await this.collections.scenarios
      .find({}, { sort: { createdAt: -1, _id: -1 }, skip: options.offset, limit: options.limit })
      .toArray();
    return docs.map(toScenario);
  }

  async update(id: string, patch: ScenarioPatch, now: string): Promise<Scenario | null> {
    const fields: Record<string, unknown> = { updatedAt: now };
    if (patch.name !== undefined) fields['name'] = patch.name;
    if (patch.description !== undefined) fields['description'] = patch.description;
    if (patch.definition !== undefined) fields['definition'] = plainJson(patch.definition);
    if (patch.updatedBy !== undefined) fields['updatedBy'] = patch.updatedBy;
    const doc = await this.collections.scenarios.findOneAndUpdate({ _id: id }, [literalSet(fields)], {
      returnDocument: 'after',
    });
    return doc ? toScenario(doc) : null;
  }

  async delete(id: string): Promise<boolean> {
    const { scenarios, versions } = this.collections;
    return inTransaction(this.client, async (session) => {
      const { deletedCount } = await scenarios.deleteOne({ _id: id }, { session });
      if (deletedCount > 0) await versions.deleteMany({ scenarioId: id }, { session });
      return deletedCount > 0;
    });
  }

  async activate(
    id: string,
    change: { definition: ScenarioDefinition; author: string | null; now: string; notify?: boolean },
  ): Promise<{ scenario: Scenario; version: ScenarioVersion } | null> {
    const { definition, author, now } = change;
    const { scenarios, versions } = this.collections;
    return inTransaction(this.client, async (session) => {
      const last = await versions.findOne({ scenarioId: id }, { sort: { version: -1 }, session });
      const version = (last?.version ?? 0) + 1;
      // Two activations at once both write this document: one of them hits a write conflict and
      // the driver runs it again, now seeing the other's version, so numbers never repeat.
      const doc = await scenarios.findOneAndUpdate(
        { _id: id },
        { $set: { status: 'active', activeVersion: version, updatedAt: now } },
        { returnDocument: 'after', session },
      );
      if (!doc) return null;
      const frozen: VersionDocument = {
        scenarioId: id,
        version,
        name: doc.name,
        definition: plainJson(definition),
        createdAt: now,
        author,
      };
      await versions.insertOne({ ...frozen }, { session });
      if (change.notify) {
        const notice = scenarioNotice('scenario.activated', { id, name: doc.name, version }, now);
        await insertNotices(this.collections.notices, [notice], session);
      }
      return { scenario: toScenario(doc), version: toVersion(frozen) };
    });
  }

  async setStatus(
    id: string,
    change: { status: ScenarioStatus; now: string; notify?: boolean },
  ): Promise<Scenario | null> {
    const { status, now } = change;
    return inTransaction(this.client, async (session) => {
      const before = await this.collections.scenarios.findOneAndUpdate(
        { _id: id },
        { $set: { status, updatedAt: now } },
        { returnDocument: 'before', session },
      );
      if (!before) return null;
      const scenario = toScenario({ ...before, status, updatedAt: now });
      const notice = change.notify ? statusNotice(before.status, scenario, now) : null;
      if (notice) await insertNotices(this.collections.notices, [notice], session);
      return scenario;
    });
  }

  async getVersion(id: string, version: number): Promise<ScenarioVersion | null> {
    const doc = await this.collections.versions.findOne({ scenarioId: id, version });
    return doc ? toVersion(doc) : null;
  }

  async listVersions(id: string): Promise<ScenarioVersion[]> {
    const docs = await this.collections.versions
      .find({ scenarioId: id }, { sort: { version: -1 } })
      .toArray();
    return docs.map(toVersion);
  }

  async listActiveVersions(): Promise<ScenarioVersion[]> {
    const docs = await this.collections.scenarios
      .aggregate<VersionDocument>([
        { $match: { status: 'active', activeVersion: { $ne: null } } },
        {
          $lookup: {
            from: this.collections.versions.collectionName,
            let: { scenarioId: '$_id', version: '$activeVersion' },
            pipeline: [
              {
                $match: {
                  $expr: {
                    $and: [{ $eq: ['$scenarioId', '$$scenarioId'] }, { $eq: ['$version', '$$version'] }],
                  },
                },
              },
            ],
            as: 'active',
          },
        },
        { $unwind: '$active' },
        { $replaceWith: '$active' },
      ])
      .toArray();
    return docs.map(toVersion);
  }
}
