import type { Collection } from 'mongodb';
import type { EventRecord, EventStore } from '../ports/event-store.ts';
import { type EventDocument, toEvent } from './event-documents.ts';

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
}
