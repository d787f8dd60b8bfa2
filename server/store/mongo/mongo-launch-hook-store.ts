import type { Collection } from 'mongodb';
import type { LaunchHookRecord, LaunchHookStore } from '../ports/launch-hook-store.ts';

export interface LaunchHookDocument {
  /** The token itself: lookups by token are the hot path. */
  _id: string;
  scenarioId: string;
  nodeId: string;
  createdAt: string;
}

const toRecord = (document: LaunchHookDocument): LaunchHookRecord => ({
  scenarioId: document.scenarioId,
  nodeId: document.nodeId,
  token: document._id,
  createdAt: document.createdAt,
});

/** MongoDB's duplicate key error: another process inserted the same node's token first. */
const DUPLICATE_KEY = 11000;

/** Collection `launch_hooks`, unique on (scenarioId, nodeId). */
export class MongoLaunchHookStore implements LaunchHookStore {
  private readonly hooks: Collection<LaunchHookDocument>;

  constructor(hooks: Collection<LaunchHookDocument>) {
    this.hooks = hooks;
  }

  /** Creates the indexes its queries rely on; idempotent, run at start. */
  async prepare(): Promise<void> {
    await this.hooks.createIndex({ scenarioId: 1, nodeId: 1 }, { unique: true });
  }

  async findByToken(token: string): Promise<LaunchHookRecord | null> {
    const found = await this.hooks.findOne({ _id: token });
    return found ? toRecord(found) : null;
  }

  async listByScenario(scenarioId: string): Promise<LaunchHookRecord[]> {
    const found = await this.hooks.find({ scenarioId }).sort({ nodeId: 1 }).toArray();
    return found.map(toRecord);
  }

  async insertMissing(scenarioId: string, records: LaunchHookRecord[]): Promise<LaunchHookRecord[]> {
    for (const record of records) {
      try {
        await this.hooks.updateOne(
          { scenarioId: record.scenarioId, nodeId: record.nodeId },
          { $setOnInsert: { _id: record.token, createdAt: record.createdAt } },
          { upsert: true },
        );
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      }
    }
    return this.listByScenario(scenarioId);
  }

  async replace(record: LaunchHookRecord): Promise<void> {
    // _id is immutable: the old token's document goes, the new one comes, in that order.
    await this.hooks.deleteOne({ scenarioId: record.scenarioId, nodeId: record.nodeId });
    await this.hooks.insertOne({
      _id: record.token,
      scenarioId: record.scenarioId,
      nodeId: record.nodeId,
      createdAt: record.createdAt,
    });
  }

  async deleteByScenario(scenarioId: string): Promise<number> {
    return (await this.hooks.deleteMany({ scenarioId })).deletedCount;
  }
}
