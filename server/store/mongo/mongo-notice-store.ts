import { randomUUID } from 'node:crypto';
import type { ClientSession, Collection, Filter, MongoClient } from 'mongodb';
import type { RenderedRequest } from '../../../engine/webhook/index.ts';
import { newOrderedId } from '../../ids.ts';
import type {
  DeliveryLogQuery,
  ExpandOptions,
  FinishAttemptOptions,
  LeaseOptions,
  ReplayOptions,
  HealthChange,
  NoticeAttempt,
  NoticeDraft,
  NoticeRecord,
  NoticeStore,
  SubscriptionDeliveryRecord,
} from '../ports/notice-store.ts';
import type { MongoCollections } from './mongo-collections.ts';
import type { MongoProcessStore } from './mongo-process-store.ts';
import { inTransaction } from './mongo-transaction.ts';
import { plainJson } from './plain-json.ts';

export interface NoticeDocument {
  _id: string;
  type: string;
  at: number;
  customerId: string | null;
  properties: Record<string, unknown>;
  leaseUntil: number | null;
  leaseOwner: string | null;
  leaseToken?: string;
}

export interface SubscriptionDeliveryDocument {
  _id: string;
  subscriptionId: string;
  noticeId: string;
  eventType: string;
  customerId: string | null;
  /** The customer, or the delivery itself for events without one (no order to keep). */
  orderKey: string;
  request: RenderedRequest;
  status: SubscriptionDeliveryRecord['status'];
  attempts: NoticeAttempt[];
  attemptCount: number;
  availableAt: number;
  leaseUntil: number | null;
  leaseOwner: string | null;
  leaseToken?: string;
  test: boolean;
  createdAt: string;
  updatedAt: string;
}

const toNotice = (doc: NoticeDocument): NoticeRecord => ({
  id: doc._id,
  type: doc.type,
  at: doc.at,
  customerId: doc.customerId,
  properties: doc.properties,
});

const toDelivery = (doc: SubscriptionDeliveryDocument): SubscriptionDeliveryRecord => ({
  id: doc._id,
  subscriptionId: doc.subscriptionId,
  noticeId: doc.noticeId,
  eventType: doc.eventType,
  customerId: doc.customerId,
  request: doc.request,
  status: doc.status,
  attempts: doc.attempts,
  attemptCount: doc.attemptCount,
  availableAt: doc.availableAt,
  leaseUntil: doc.leaseUntil,
  test: doc.test,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

const deliveryDocument = (delivery: SubscriptionDeliveryRecord): SubscriptionDeliveryDocument => ({
  _id: delivery.id,
  subscriptionId: delivery.subscriptionId,
  noticeId: delivery.noticeId,
  eventType: delivery.eventType,
  customerId: delivery.customerId,
  orderKey: delivery.customerId ?? delivery.id,
  request: plainJson(delivery.request),
  status: delivery.status,
  attempts: plainJson(delivery.attempts),
  attemptCount: delivery.attemptCount,
  availableAt: delivery.availableAt,
  leaseUntil: delivery.leaseUntil,
  leaseOwner: null,
  test: delivery.test,
  createdAt: delivery.createdAt,
  updatedAt: delivery.updatedAt,
});

/** Inserts notices in the session's transaction, ids in the order given. */
export async function insertNotices(
  notices: Collection<NoticeDocument>,
  drafts: readonly NoticeDraft[],
  session: ClientSession,
): Promise<void> {
  if (drafts.length === 0) return;
  const documents = drafts.map((draft) => ({
    _id: newOrderedId('ntc', draft.at),
    type: draft.type,
    at: draft.at,
    customerId: draft.customerId,
    properties: plainJson(draft.properties),
    leaseUntil: null,
    leaseOwner: null,
  }));
  await notices.insertMany(documents, { session });
}

/** Applies an attempt's health change to its subscription (as the SQLite adapter); true when it disabled it. */
async function applyHealth(
  collections: MongoCollections,
  options: { subscriptionId: string; change: HealthChange; session: ClientSession },
): Promise<boolean> {
  const { subscriptionId, change, session } = options;
  if (change.success) {
    await collections.subscriptions.updateOne(
      { _id: subscriptionId },
      {
        $set: {
          'health.consecutiveFailures': 0,
          'health.failingSince': null,
          'health.lastSuccessAt': change.now,
          ...(change.reenable ? { 'health.disabledAt': null } : {}),
          lastAlertAt: null,
        },
      },
      { session },
    );
    return false;
  }
  const failures = { $add: ['$health.consecutiveFailures', 1] };
  const reached = { $gte: [failures, change.disableAfter] };
  const before = await collections.subscriptions.findOneAndUpdate(
    { _id: subscriptionId },
    [
      {
        $set: {
          'health.failingSince': {
            $cond: [
              { $and: [{ $eq: ['$health.failingSince', null] }, { $or: [change.gaveUp, reached] }] },
              { $literal: change.now },
              '$health.failingSince',
            ],
          },
          'health.disabledAt': {
            $cond: [
              { $and: [{ $eq: ['$health.disabledAt', null] }, reached] },
              { $literal: change.now },
              '$health.disabledAt',
            ],
          },
          'health.consecutiveFailures': failures,
          'health.lastError': { $literal: change.error },
          'health.lastFailureAt': { $literal: change.now },
          // Disabling clears the last alert's time: the "disabled" alert goes at once.
          lastAlertAt: {
            $cond: [{ $and: [{ $eq: ['$health.disabledAt', null] }, reached] }, null, '$lastAlertAt'],
          },
        },
      },
    ],
    { returnDocument: 'before', session },
  );
  const disabled =
    before !== null &&
    before.health.disabledAt === null &&
    before.health.consecutiveFailures + 1 >= change.disableAfter;
  return disabled;
}

export class MongoNoticeStore implements NoticeStore {
  private readonly client: MongoClient;
  private readonly collections: MongoCollections;
  private readonly processes: MongoProcessStore;

  constructor(client: MongoClient, collections: MongoCollections, processes: MongoProcessStore) {
    this.client = client;
    this.collections = collections;
    this.processes = processes;
  }

  async claimNotices(options: LeaseOptions): Promise<NoticeRecord[]> {
    const { notices } = this.collections;
    const live = await this.processes.liveIds(options.liveSince);
    const due: Filter<NoticeDocument> = {
      $or: [{ leaseUntil: null }, { leaseUntil: { $lte: options.now } }, { leaseOwner: { $nin: live } }],
    };
    const candidates = await notices
      .find(due, { sort: { _id: 1 }, limit: options.limit, projection: { _id: 1 } })
      .toArray();
    if (candidates.length === 0) return [];
    const ids = candidates.map((doc) => doc._id);
    const leaseToken = randomUUID();
    // The filter is checked again row by row as the lease is written: a notice another process
    // leased in between is not ours.
    await notices.updateMany(
      { $and: [due, { _id: { $in: ids } }] },
      { $set: { leaseUntil: options.now + options.leaseMs, leaseOwner: options.owner, leaseToken } },
    );
    const won = await notices.find({ _id: { $in: ids }, leaseToken }, { sort: { _id: 1 } }).toArray();
    return won.map(toNotice);
  }

  async expand(options: ExpandOptions): Promise<number> {
    const { notices, subscriptions, subscriptionDeliveries } = this.collections;
    return inTransaction(this.client, async (session) => {
      const mine = { _id: { $in: [...options.noticeIds] }, leaseOwner: options.owner };
      const held = await notices.find(mine, { projection: { _id: 1 }, session }).toArray();
      const ours = new Set(held.map((doc) => doc._id));
      await notices.deleteMany(mine, { session });
      const wanted = options.deliveries.filter((delivery) => ours.has(delivery.noticeId));
      const subscriptionIds = [...new Set(wanted.map((delivery) => delivery.subscriptionId))];
      const existing = await subscriptions
        .find({ _id: { $in: subscriptionIds } }, { projection: { _id: 1 }, session })
        .toArray();
      const alive = new Set(existing.map((doc) => doc._id));
      const documents = wanted.filter((delivery) => alive.has(delivery.subscriptionId)).map(deliveryDocument);
      if (documents.length > 0) await subscriptionDeliveries.insertMany(documents, { session });
      for (const [id, count] of Object.entries(options.skipped)) {
        if (count > 0)
          await subscriptions.updateOne({ _id: id }, { $inc: { 'health.skipped': count } }, { session });
      }
      return ours.size;
    });
  }

  /**
   * As the SQLite adapter, except that the per-customer order is checked and the lease written in
   * separate steps: two processes claiming at the same moment may each send one of a customer's
   * events (README: order per customer is best effort on MongoDB with several processes).
   */
  async claimDeliveries(
    options: LeaseOptions & { subscriptionIds: readonly string[] },
  ): Promise<SubscriptionDeliveryRecord[]> {
    if (options.subscriptionIds.length === 0 || options.limit <= 0) return [];
    const { subscriptionDeliveries } = this.collections;
    const { now } = options;
    const live = await this.processes.liveIds(options.liveSince);
    const due: Filter<SubscriptionDeliveryDocument> = {
      subscriptionId: { $in: [...options.subscriptionIds] },
      $or: [
        { status: 'pending', availableAt: { $lte: now } },
        { status: 'sending', leaseUntil: { $lte: now } },
        { status: 'sending', leaseOwner: { $nin: live } },
      ],
    };
    const candidates = await subscriptionDeliveries
      .find(due, {
        sort: { availableAt: 1, _id: 1 },
        limit: options.limit * 4,
        projection: { _id: 1, subscriptionId: 1, orderKey: 1 },
      })
      .toArray();
    if (candidates.length === 0) return [];
    const blockers = await subscriptionDeliveries
      .find(
        {
          subscriptionId: { $in: [...new Set(candidates.map((doc) => doc.subscriptionId))] },
          orderKey: { $in: [...new Set(candidates.map((doc) => doc.orderKey))] },
          $or: [{ status: 'pending', attemptCount: 0 }, { status: 'sending' }],
        },
        { projection: { _id: 1, subscriptionId: 1, orderKey: 1 } },
      )
      .toArray();
    const oldest = new Map<string, string>();
    for (const doc of blockers) {
      const key = `${doc.subscriptionId}\u0000${doc.orderKey}`;
      const known = oldest.get(key);
      if (known === undefined || doc._id < known) oldest.set(key, doc._id);
    }
    const ordered = candidates.filter((doc) => {
      const first = oldest.get(`${doc.subscriptionId}\u0000${doc.orderKey}`);
      return first === undefined || first >= doc._id;
    });
    const ids = (await this.probesOnly(ordered, options.subscriptionIds, due))
      .slice(0, options.limit)
      .map((doc) => doc._id);
    const leaseToken = randomUUID();
    await subscriptionDeliveries.updateMany(
      { $and: [due, { _id: { $in: ids } }] },
      {
        $set: { status: 'sending', leaseUntil: now + options.leaseMs, leaseOwner: options.owner, leaseToken },
      },
    );
    const won = await subscriptionDeliveries
      .find({ _id: { $in: ids }, leaseToken }, { sort: { availableAt: 1, _id: 1 } })
      .toArray();
    return won.map(toDelivery);
  }

  /**
   * A subscription with failed calls in a row gets one call at a time: of its candidates only
   * the first, and none while another of its calls is in flight.
   */
  private async probesOnly<T extends { _id: string; subscriptionId: string }>(
    candidates: T[],
    subscriptionIds: readonly string[],
    due: Filter<SubscriptionDeliveryDocument>,
  ): Promise<T[]> {
    const failing = await this.collections.subscriptions
      .find(
        { _id: { $in: [...subscriptionIds] }, 'health.consecutiveFailures': { $gt: 0 } },
        { projection: { _id: 1 } },
      )
      .toArray();
    if (failing.length === 0) return candidates;
    const ids = failing.map((doc) => doc._id);
    const busy = await this.collections.subscriptionDeliveries.distinct('subscriptionId', {
      $and: [{ subscriptionId: { $in: ids }, status: 'sending' }, { $nor: [due] }],
    });
    const taken = new Set<string>(busy);
    return candidates.filter((doc) => {
      if (!ids.includes(doc.subscriptionId)) return true;
      if (taken.has(doc.subscriptionId)) return false;
      taken.add(doc.subscriptionId);
      return true;
    });
  }

  async release(owner: string): Promise<void> {
    await this.collections.notices.updateMany(
      { leaseOwner: owner },
      { $set: { leaseUntil: null, leaseOwner: null } },
    );
    await this.collections.subscriptionDeliveries.updateMany(
      { status: 'sending', leaseOwner: owner },
      { $set: { status: 'pending', leaseUntil: null, leaseOwner: null } },
    );
  }

  async finishAttempt(options: FinishAttemptOptions): Promise<{ disabled: boolean } | null> {
    const { id, owner, attempt, outcome, health } = options;
    return inTransaction(this.client, async (session) => {
      const updated = await this.collections.subscriptionDeliveries.findOneAndUpdate(
        { _id: id, status: 'sending', leaseOwner: owner },
        {
          $set: {
            status: outcome.kind === 'retry' ? 'pending' : outcome.kind,
            ...(outcome.kind === 'retry' ? { availableAt: outcome.at } : {}),
            leaseUntil: null,
            leaseOwner: null,
            updatedAt: health.now,
          },
          $inc: { attemptCount: 1 },
          $push: { attempts: plainJson(attempt) },
        },
        { returnDocument: 'after', session, projection: { subscriptionId: 1 } },
      );
      if (!updated) return null;
      const disabled = await applyHealth(this.collections, {
        subscriptionId: updated.subscriptionId,
        change: health,
        session,
      });
      return { disabled };
    });
  }

  async recordTest(delivery: SubscriptionDeliveryRecord, health?: HealthChange): Promise<void> {
    await inTransaction(this.client, async (session) => {
      await this.collections.subscriptionDeliveries.insertOne(deliveryDocument(delivery), { session });
      if (health)
        await applyHealth(this.collections, {
          subscriptionId: delivery.subscriptionId,
          change: health,
          session,
        });
    });
  }

  async getDelivery(id: string): Promise<SubscriptionDeliveryRecord | null> {
    const doc = await this.collections.subscriptionDeliveries.findOne({ _id: id });
    return doc ? toDelivery(doc) : null;
  }

  async listDeliveries(query: DeliveryLogQuery): Promise<SubscriptionDeliveryRecord[]> {
    if (query.limit <= 0) return [];
    const filter: Filter<SubscriptionDeliveryDocument> = { subscriptionId: query.subscriptionId };
    if (query.status) filter.status = query.status;
    if (query.from || query.to)
      filter.createdAt = {
        ...(query.from ? { $gte: query.from } : {}),
        ...(query.to ? { $lt: query.to } : {}),
      };
    if (query.before) filter._id = { $lt: query.before };
    const docs = await this.collections.subscriptionDeliveries
      .find(filter, { sort: { _id: -1 }, limit: query.limit })
      .toArray();
    return docs.map(toDelivery);
  }

  async replay(options: ReplayOptions): Promise<string[]> {
    const { subscriptionDeliveries } = this.collections;
    const filter: Filter<SubscriptionDeliveryDocument> = options.ids
      ? {
          subscriptionId: options.subscriptionId,
          _id: { $in: [...options.ids] },
          status: { $in: ['done', 'failed'] },
        }
      : {
          subscriptionId: options.subscriptionId,
          status: 'failed',
          createdAt: { $gte: options.range!.from, $lt: options.range!.to },
        };
    const found = await subscriptionDeliveries.find(filter, { projection: { _id: 1 } }).toArray();
    const ids = found.map((doc) => doc._id);
    if (ids.length === 0) return [];
    // Re-checked per row: a delivery replayed meanwhile by another call is pending already.
    await subscriptionDeliveries.updateMany(
      { $and: [filter, { _id: { $in: ids } }] },
      {
        $set: {
          status: 'pending',
          availableAt: options.now,
          attemptCount: 0,
          updatedAt: new Date(options.now).toISOString(),
        },
      },
    );
    return ids.sort();
  }
}
