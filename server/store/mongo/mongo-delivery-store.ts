import { randomUUID } from 'node:crypto';
import type { Collection, Filter, MatchKeysAndValues, Sort } from 'mongodb';
import type { DeliveryOutcome, DeliveryRecord, DeliveryStore } from '../ports/delivery-store.ts';
import { idFloor } from '../../ids.ts';
import { type DeliveryDocument, toDelivery } from './delivery-documents.ts';
import type { MongoPolicyClaims } from './mongo-policy-claims.ts';
import type { MongoProcessStore } from './mongo-process-store.ts';

interface LeasePlan {
  /** Which rows may be leased; checked again, row by row, when the lease is written. */
  due: Filter<DeliveryDocument>;
  order: Sort;
  limit: number;
  set: MatchKeysAndValues<DeliveryDocument>;
}

export class MongoDeliveryStore implements DeliveryStore {
  private readonly deliveries: Collection<DeliveryDocument>;
  private readonly processes: MongoProcessStore;
  private readonly policyClaims: MongoPolicyClaims;

  constructor(options: {
    deliveries: Collection<DeliveryDocument>;
    processes: MongoProcessStore;
    policyClaims: MongoPolicyClaims;
  }) {
    this.deliveries = options.deliveries;
    this.processes = options.processes;
    this.policyClaims = options.policyClaims;
  }

  async claim(options: {
    now: number;
    limit: number;
    leaseMs: number;
    owner: string;
  }): Promise<DeliveryRecord[]> {
    if (options.limit <= 0) return [];
    const leaseUntil = options.now + options.leaseMs;
    const underPolicies = await this.policyClaims.claim({ ...options, leaseUntil });
    const free = await this.lease({
      due: { status: 'pending', policyId: null, availableAt: { $lte: options.now } },
      order: { availableAt: 1, _id: 1 },
      limit: options.limit - underPolicies.length,
      set: { status: 'sending', owner: options.owner, leaseUntil },
    });
    return [...underPolicies, ...free];
  }

  async reclaimLapsed(options: {
    now: number;
    limit: number;
    leaseMs: number;
    owner: string;
    liveSince: number;
  }): Promise<DeliveryRecord[]> {
    // The caller is alive whatever its last heartbeat says (a stalled event loop delays beats).
    const live = [...(await this.processes.liveIds(options.liveSince)), options.owner];
    return this.lease({
      due: { status: 'sending', $or: [{ leaseUntil: { $lte: options.now } }, { owner: { $nin: live } }] },
      order: { leaseUntil: 1, _id: 1 },
      limit: options.limit,
      set: { owner: options.owner, leaseUntil: options.now + options.leaseMs },
    });
  }

  async release(owner: string): Promise<number> {
    const { modifiedCount } = await this.deliveries.updateMany({ status: 'sending', owner }, [
      {
        $set: {
          status: 'pending',
          owner: null,
          leaseUntil: null,
          attempts: { $max: [{ $subtract: ['$attempts', 1] }, 0] },
        },
      },
    ]);
    return modifiedCount;
  }

  async recentOutcomes(options: { since: number; limit: number }): Promise<DeliveryOutcome[]> {
    if (options.limit <= 0) return [];
    const docs = await this.deliveries
      .find(
        { _id: { $gte: idFloor('msg', options.since) }, status: { $in: ['done', 'failed'] } },
        {
          sort: { _id: -1 },
          limit: options.limit,
          projection: { 'request.url': 1, status: 1, error: 1, createdAt: 1 },
        },
      )
      .toArray();
    return docs.map((doc) => ({
      url: doc.request.url,
      status: doc.status as 'done' | 'failed',
      error: doc.error ?? null,
      createdAt: doc.createdAt,
    }));
  }

  async get(id: string): Promise<DeliveryRecord | null> {
    const doc = await this.deliveries.findOne({ _id: id });
    return doc ? toDelivery(doc) : null;
  }

  async nextAvailableAt(): Promise<number | null> {
    const pending = await this.deliveries.findOne(
      { status: 'pending' },
      { sort: { availableAt: 1 }, projection: { availableAt: 1 } },
    );
    const leased = await this.deliveries.findOne(
      { status: 'sending', leaseUntil: { $ne: null } },
      { sort: { leaseUntil: 1 }, projection: { leaseUntil: 1 } },
    );
    const times = [pending?.availableAt, leased?.leaseUntil].filter((time) => typeof time === 'number');
    return times.length > 0 ? Math.min(...times) : null;
  }

  /**
   * Leases up to `plan.limit` due rows in order, a few round trips per batch instead of one per
   * row. Each round picks candidates, then leases those still due under a fresh token: the
   * update re-checks `due` on every row atomically, so a row another worker leased in between
   * is not ours, and the next round looks further. No row is ever leased twice.
   */
  private async lease(plan: LeasePlan): Promise<DeliveryRecord[]> {
    const order: string[] = [];
    const won: DeliveryDocument[] = [];
    while (won.length < plan.limit) {
      const candidates = await this.deliveries
        .find(plan.due, { sort: plan.order, limit: plan.limit - won.length, projection: { _id: 1 } })
        .toArray();
      if (candidates.length === 0) break;
      const ids = candidates.map((doc) => doc._id);
      const leaseToken = randomUUID();
      await this.deliveries.updateMany(
        { $and: [plan.due, { _id: { $in: ids } }] },
        { $set: { ...plan.set, leaseToken }, $inc: { attempts: 1 } },
      );
      won.push(...(await this.deliveries.find({ _id: { $in: ids }, leaseToken }).toArray()));
      order.push(...ids);
    }
    const rank = new Map(order.map((id, index) => [id, index]));
    return won.sort((a, b) => rank.get(a._id)! - rank.get(b._id)!).map(toDelivery);
  }
}
