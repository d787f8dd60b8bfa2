import type { Collection, MongoClient } from 'mongodb';
import type { PresetDefinition } from '../../../engine/presets/index.ts';
import type { PresetRecord, PresetStore } from '../ports/preset-store.ts';
import { inTransaction } from './mongo-transaction.ts';
import { literalSet, plainJson } from './plain-json.ts';

/** A preset with its current version's definition, so reads need no join. */
export interface PresetDocument {
  _id: string;
  name: string;
  version: number;
  needsCredentials: boolean;
  definition: PresetDefinition;
  createdAt: string;
  updatedAt: string;
}

/** Every saved version; `(presetId, version)` is unique. */
export interface PresetVersionDocument {
  presetId: string;
  version: number;
  definition: PresetDefinition;
  createdAt: string;
}

const toPreset = (doc: PresetDocument): PresetRecord => ({
  id: doc._id,
  name: doc.name,
  version: doc.version,
  needsCredentials: doc.needsCredentials,
  definition: doc.definition,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

export class MongoPresetStore implements PresetStore {
  private readonly client: MongoClient;
  private readonly presets: Collection<PresetDocument>;
  private readonly versions: Collection<PresetVersionDocument>;

  constructor(
    client: MongoClient,
    collections: { presets: Collection<PresetDocument>; presetVersions: Collection<PresetVersionDocument> },
  ) {
    this.client = client;
    this.presets = collections.presets;
    this.versions = collections.presetVersions;
  }

  async create(record: PresetRecord): Promise<void> {
    const definition = plainJson(record.definition);
    await inTransaction(this.client, async (session) => {
      const { id, ...fields } = record;
      await this.presets.insertOne({ _id: id, ...fields, definition }, { session });
      const version = { presetId: id, version: record.version, definition, createdAt: record.createdAt };
      await this.versions.insertOne(version, { session });
    });
  }

  async addVersion(
    id: string,
    change: { definition: PresetDefinition; needsCredentials: boolean; now: string },
  ): Promise<PresetRecord | null> {
    const definition = plainJson(change.definition);
    return inTransaction(this.client, async (session) => {
      // Two saves at once both write this document: the later one hits a write conflict and is
      // run again by the driver, so version numbers never repeat.
      const doc = await this.presets.findOneAndUpdate(
        { _id: id },
        [
          { $set: { version: { $add: ['$version', 1] } } },
          literalSet({
            name: definition.name,
            needsCredentials: change.needsCredentials,
            definition,
            updatedAt: change.now,
          }),
        ],
        { returnDocument: 'after', session },
      );
      if (!doc) return null;
      const version = { presetId: id, version: doc.version, definition, createdAt: change.now };
      await this.versions.insertOne(version, { session });
      return toPreset(doc);
    });
  }

  async get(id: string): Promise<PresetRecord | null> {
    const doc = await this.presets.findOne({ _id: id });
    return doc ? toPreset(doc) : null;
  }

  async getVersion(id: string, version: number): Promise<PresetDefinition | null> {
    return (await this.versions.findOne({ presetId: id, version }))?.definition ?? null;
  }

  async list(): Promise<PresetRecord[]> {
    const docs = await this.presets.find({}, { sort: { name: 1, _id: 1 } }).toArray();
    return docs.map(toPreset);
  }

  async listVersions(
    id: string,
  ): Promise<{ version: number; createdAt: string; definition: PresetDefinition }[]> {
    const docs = await this.versions.find({ presetId: id }, { sort: { version: -1 } }).toArray();
    return docs.map((doc) => ({
      version: doc.version,
      createdAt: doc.createdAt,
      definition: doc.definition,
    }));
  }

  async delete(id: string): Promise<boolean> {
    return inTransaction(this.client, async (session) => {
      const { deletedCount } = await this.presets.deleteOne({ _id: id }, { session });
      if (deletedCount > 0) await this.versions.deleteMany({ presetId: id }, { session });
      return deletedCount > 0;
    });
  }
}
