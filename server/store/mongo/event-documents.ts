import type { EventRecord } from '../ports/event-store.ts';
import { plainJson } from './plain-json.ts';

export interface EventDocument {
  _id: string;
  customerId: string;
  type: string;
  timestamp: string;
  properties: Record<string, unknown>;
  receivedAt: string;
}

export const eventDocument = (event: EventRecord): EventDocument => ({
  _id: event.id,
  customerId: event.customerId,
  type: event.type,
  timestamp: event.timestamp,
  properties: plainJson(event.properties),
  receivedAt: event.receivedAt,
});

export const toEvent = (doc: EventDocument): EventRecord => ({
  id: doc._id,
  customerId: doc.customerId,
  type: doc.type,
  timestamp: doc.timestamp,
  properties: doc.properties,
  receivedAt: doc.receivedAt,
});
