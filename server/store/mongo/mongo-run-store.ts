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
import type { CohortRecord } from '../ports/cohort-store.ts';
import {
  memberRun,
  membersNewestFirst,
  memberSteps,
  newestFirst,
  parseMemberRunId,
  withCohortActivity,
} from '../cohort-members.ts';
import { foldNodeStats } from '../fold-node-stats.ts';
import { type CohortDocument, toCohort } from './mongo-cohort-store.ts';
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
    if (doc) return toRun(doc);
    const member = await this.member(id);
    return member ? memberRun(member.cohort, member.index) : null;
  }

  /** The cohort speaking for a member run id, when it still does (not split). */
  private async member(id: string): Promise<{ cohort: CohortRecord; index: number } | null> {
    const parsed = parseMemberRunId(id);
    if (!parsed) return null;
    const doc = await this.collections.cohorts.findOne({ _id: parsed.cohortId });
    if (!doc || doc.status === 'split' || parsed.index >= doc.memberCount) return null;
    return { cohort: toCohort(doc), index: parsed.index };
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
    return newestFirst(docs.map(toRun), await this.listMembers(query), query.limit);
  }

  /** Members of cohorts matching the query, newest first, reading only as many cohorts as needed. */
  private async listMembers(query: RunQuery): Promise<RunRecord[]> {
    if (query.status === 'waiting') return [];
    const filter: Filter<CohortDocument> = { status: query.status ?? { $ne: 'split' } };
    if (query.scenarioId !== undefined) filter.scenarioId = query.scenarioId;
    // A member id sorts after its cohort's id: the cohort of `before` itself is read too.
    if (query.before !== undefined) filter._id = { $lt: query.before };
    const members: RunRecord[] = [];
    for await (const doc of this.collections.cohorts.find(filter, { sort: { _id: -1 } })) {
      for (const run of membersNewestFirst(toCohort(doc))) {
        if (query.before === undefined || run.id < query.before) members.push(run);
      }
      if (members.length >= query.limit) break;
    }
    return members;
  }

  async steps(runId: string): Promise<RunStepRecord[]> {
    const member = await this.member(runId);
    if (member) return memberSteps(member.cohort, member.index);
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
    // Members of a cohort in flight stand on its node.
    const standing = await this.collections.cohorts
      .aggregate<{ _id: string; n: number }>([
        { $match: { ...ofVersion, status: 'running', nodeId: { $ne: null } } },
        { $group: { _id: '$nodeId', n: { $sum: '$memberCount' } } },
      ])
      .toArray();
    const counts = new Map<string, number>();
    for (const row of [...waiting, ...standing]) counts.set(row._id, (counts.get(row._id) ?? 0) + row.n);
    return foldNodeStats(
      steps.map((row) => ({ ...row._id, n: row.n })),
      [...counts].map(([node, n]) => ({ node, n })),
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
    const ofRuns = steps.map((doc) => {
      const run = byId.get(doc.runId)!;
      return { ...toStep(doc), customerId: run.customerId, runStatus: run.status, runVersion: run.version };
    });
    const cohorts = await this.collections.cohorts
      .find(
        { ...(version === null ? { scenarioId } : { scenarioId, version }), status: { $ne: 'split' } },
        { sort: { _id: -1 }, limit },
      )
      .toArray();
    return withCohortActivity(ofRuns, cohorts.map(toCohort), query);
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
