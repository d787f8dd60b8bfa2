import type { Collection } from 'mongodb';
import type { ProcessRecord, ProcessStore } from '../ports/process-store.ts';

export interface ProcessDocument {
  _id: string;
  host: string;
  pid: number;
  startedAt: string;
  heartbeatAt: number;
}

export class MongoProcessStore implements ProcessStore {
  private readonly processes: Collection<ProcessDocument>;

  constructor(processes: Collection<ProcessDocument>) {
    this.processes = processes;
  }

  async beat({ id, ...rest }: ProcessRecord): Promise<void> {
    await this.processes.updateOne(
      { _id: id },
      {
        $set: { heartbeatAt: rest.heartbeatAt },
        $setOnInsert: { host: rest.host, pid: rest.pid, startedAt: rest.startedAt },
      },
      { upsert: true },
    );
  }

  async remove(id: string): Promise<void> {
    await this.processes.deleteOne({ _id: id });
  }

  async list(): Promise<ProcessRecord[]> {
    const docs = await this.processes.find().sort({ heartbeatAt: -1, _id: 1 }).toArray();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async prune(before: number): Promise<number> {
    return (await this.processes.deleteMany({ heartbeatAt: { $lt: before } })).deletedCount;
  }

  /** Ids of the processes whose heartbeat is newer than `since`: the owners whose leases hold. */
  async liveIds(since: number): Promise<string[]> {
    const docs = await this.processes
      .find({ heartbeatAt: { $gt: since } }, { projection: { _id: 1 } })
      .toArray();
    return docs.map((doc) => doc._id);
  }
}
