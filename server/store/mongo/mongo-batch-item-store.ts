import type { ClientSession, Collection } from 'mongodb';
import type { BatchGroup, BatchItemRecord, BatchItemStore } from '../ports/batch-item-store.ts';
import type { MongoProcessStore } from './mongo-process-store.ts';

export interface BatchItemDocument extends Omit<BatchItemRecord, 'id'> {
  _id: string;
}

export const batchItemDocument = ({ id, ...rest }: BatchItemRecord): BatchItemDocument => ({
  _id: id,
  ...rest,
});

const toItem = ({ _id, ...rest }: BatchItemDocument): BatchItemRecord => ({ id: _id, ...rest });

export class MongoBatchItemStore implements BatchItemStore {
  private readonly items: Collection<BatchItemDocument>;
  private readonly processes: MongoProcessStore;

  constructor(items: Collection<BatchItemDocument>, processes: MongoProcessStore) {
    this.items = items;
    this.processes = processes;
  }

  async groups(owner?: string): Promise<BatchGroup[]> {
    const rows = await this.items
      .aggregate<{
        _id: { scenarioId: string; version: number; nodeId: string };
        count: number;
        oldestAt: number;
      }>([
        { $match: owner === undefined ? {} : { owner } },
        {
          $group: {
            _id: { scenarioId: '$scenarioId', version: '$version', nodeId: '$nodeId' },
            count: { $sum: 1 },
            oldestAt: { $min: '$createdAt' },
          },
        },
      ])
      .toArray();
    return rows.map((row) => ({ ...row._id, count: row.count, oldestAt: row.oldestAt }));
  }

  async oldest(
    group: Omit<BatchGroup, 'count' | 'oldestAt'>,
    limit: number,
    owner: string,
  ): Promise<BatchItemRecord[]> {
    const docs = await this.items
      .find({ owner, scenarioId: group.scenarioId, version: group.version, nodeId: group.nodeId })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toItem);
  }

  async takeOver(options: { owner: string; liveSince: number }): Promise<number> {
    const live = new Set(await this.processes.liveIds(options.liveSince));
    // distinct walks the owner index; null stands for items handed back.
    const dead = (await this.items.distinct('owner')).filter((owner) => owner === null || !live.has(owner));
    if (dead.length === 0) return 0;
    const { modifiedCount } = await this.items.updateMany(
      { owner: { $in: dead } },
      { $set: { owner: options.owner } },
    );
    return modifiedCount;
  }

  async release(owner: string): Promise<number> {
    return (await this.items.updateMany({ owner }, { $set: { owner: null } })).modifiedCount;
  }
}

/** Removes the items of one batch inside the commit; false (nothing removed) when any is gone. */
export async function takeBatchItems(
  items: Collection<BatchItemDocument>,
  ids: readonly string[],
  session: ClientSession,
): Promise<boolean> {
  const present = await items.countDocuments({ _id: { $in: [...ids] } }, { session });
  if (present !== ids.length) return false;
  await items.deleteMany({ _id: { $in: [...ids] } }, { session });
  return true;
}
