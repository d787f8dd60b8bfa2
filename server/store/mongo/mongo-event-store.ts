import type { Collection } from 'mongodb';
import type { NameCount } from '../ports/customer-store.ts';
import type { EventRecord, EventStore, EventTypeSeen, RecentTypesQuery } from '../ports/event-store.ts';
import { type EventTypeIndex, recentEventTypes } from '../recent-event-types.ts';
import { type EventDocument, toEvent } from './event-documents.ts';
import { namesOfLatest } from './sampled-names.ts';

export class MongoEventStore implements EventStore {
  private readonly events: Collection<EventDocument>;

  constructor(events: Collection<EventDocument>) {
    this.events = events;
  }

  async get(id: string): Promise<EventRecord | null> {
    const doc = await this.events.findOne({ _id: id });
    return doc ? toEvent(doc) : null;
  }

  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const docs = await this.events.find({ _id: { $in: [...ids] } }, { projection: { _id: 1 } }).toArray();
    return new Set(docs.map((doc) => doc._id));
  }

  /** Each read is one seek in the { type, receivedAt } index. */
  async recentTypes(options: RecentTypesQuery): Promise<EventTypeSeen[]> {
    const { events } = this;
    const index: EventTypeIndex = {
      nextType: async (after) => {
        const filter = after === null ? {} : { type: { $gt: after } };
        const doc = await events.findOne(filter, { sort: { type: 1 }, projection: { _id: 0, type: 1 } });
        return doc?.type ?? null;
      },
      lastSeen: async (type) => {
        const doc = await events.findOne(
          { type },
          { sort: { type: 1, receivedAt: -1 }, projection: { _id: 0, receivedAt: 1 } },
        );
        return doc?.receivedAt ?? '';
      },
      countSince: (type, since, cap) =>
        events.countDocuments({ type, receivedAt: { $gte: since } }, { limit: cap }),
    };
    return recentEventTypes(index, options);
  }

  async propertyNames(options: { type: string; sample: number; limit: number }): Promise<NameCount[]> {
    return namesOfLatest(this.events, {
      match: { type: options.type },
      sortedBy: 'receivedAt',
      field: 'properties',
      sample: options.sample,
      limit: options.limit,
    });
  }
}
