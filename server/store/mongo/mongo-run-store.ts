import type { Filter } from 'mongodb';
import type {
  NodeActivity,
  NodeActivityQuery,
  NodeStats,
  RunQuery,
  RunRecord,
  RunStepRecord,
  RunStore,
} from '../ports/run-store.ts';
import { foldNodeStats } from '../fold-node-stats.ts';
import type { MongoCollections } from './mongo-collections.ts';
import { type RunDocument, toRun, toStep } from './run-documents.ts';

/** How many of a scenario's newest runs the node panel looks into (as the SQLite adapter). */
const ACTIVITY_RUNS = 1000;

export class MongoRunStore implements RunStore {
  private readonly collections: MongoCollections;

  constructor(collections: MongoCollections) {
    this.collections = collections;
  }

  async get(id: string): Promise<RunRecord | null> {
    const doc = await this.collections.runs.findOne({ _id: id });
    return doc ? toRun(doc) : null;
  }

  async list(query: RunQuery): Promise<RunRecord[]> {
    // A limit of 0 means "no limit" to MongoDB.
    if (query.limit <= 0) return [];
    const filter: Filter<RunDocument> = {};
    if (query.scenarioId !== undefined) filter.scenarioId = query.scenarioId;
    if (query.status !== undefined) filter.status = query.status;
    if (query.before !== undefined) filter._id = { $lt: query.before };
    const docs = await this.collections.runs
      .find(filter, { sort: { _id: -1 }, limit: query.limit })
      .toArray();
    return docs.map(toRun);
  }

  async steps(runId: string): Promise<RunStepRecord[]> {
    const docs = await this.collections.steps.find({ runId }, { sort: { seq: 1 } }).toArray();
    return docs.map(toStep);
  }

  async nodeStats(scenarioId: string, version: number | null): Promise<Record<string, NodeStats>> {
    const ofVersion = version === null ? { scenarioId } : { scenarioId, version };
    const steps = await this.collections.stepCounts
      .aggregate<{ _id: { node: string; kind: string; failed: boolean }; n: number }>([
        { $match: ofVersion },
        { $group: { _id: { node: '$node', kind: '$kind', failed: '$failed' }, n: { $sum: '$n' } } },
      ])
      .toArray();
    const waiting = await this.collections.runs
      .aggregate<{ _id: string; n: number }>([
        { $match: { ...ofVersion, status: { $in: ['running', 'waiting'] }, nodeId: { $ne: null } } },
        { $group: { _id: '$nodeId', n: { $sum: 1 } } },
      ])
      .toArray();
    return foldNodeStats(
      steps.map((row) => ({ ...row._id, n: row.n })),
      waiting.map((row) => ({ node: row._id, n: row.n })),
    );
  }

  async nodeActivity(query: NodeActivityQuery): Promise<NodeActivity[]> {
    const { scenarioId, nodeId, limit, version } = query;
    if (limit <= 0) return [];
    const runs = await this.collections.runs
      .find(version === null ? { scenarioId } : { scenarioId, version }, {
        sort: { _id: -1 },
        limit: ACTIVITY_RUNS,
        projection: { customerId: 1, status: 1, version: 1 },
      })
      .toArray();
    const byId = new Map(runs.map((run) => [run._id, run]));
    const steps = await this.collections.steps
      .find({ nodeId, runId: { $in: [...byId.keys()] } }, { sort: { at: -1, seq: -1 }, limit })
      .toArray();
    return steps.map((doc) => {
      const run = byId.get(doc.runId)!;
      return { ...toStep(doc), customerId: run.customerId, runStatus: run.status, runVersion: run.version };
    });
  }

  async dueWakes(options: { now: number; limit: number }): Promise<{ runId: string; visit: number }[]> {
    if (options.limit <= 0) return [];
    const docs = await this.collections.runs
      .find(
        { status: 'waiting', wakeAt: { $lte: options.now } },
        { sort: { wakeAt: 1, _id: 1 }, limit: options.limit, projection: { wakeVisit: 1 } },
      )
      .toArray();
    // A waiting run with a wake time always has its visit (the engine saves them together).
    return docs.map((doc) => ({ runId: doc._id, visit: doc.wakeVisit as number }));
  }

  async nextWakeAt(): Promise<number | null> {
    const doc = await this.collections.runs.findOne(
      { status: 'waiting', wakeAt: { $ne: null } },
      { sort: { wakeAt: 1 }, projection: { wakeAt: 1 } },
    );
    return doc?.wakeAt ?? null;
  }
}
