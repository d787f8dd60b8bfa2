/** A trigger event as received. */
export interface EventRecord {
  id: string;
  customerId: string;
  type: string;
  timestamp: string;
  properties: Record<string, unknown>;
  receivedAt: string;
}

import type { NameCount } from './customer-store.ts';

/** An event type and how much it was received lately. */
export interface EventTypeSeen {
  type: string;
  /** `receivedAt` of its latest event. */
  lastSeen: string;
  /** Events of the type received since the asked time, counted up to the asked cap. */
  count: number;
}

/** See `EventStore.recentTypes`. */
export interface RecentTypesQuery {
  since: string;
  limit: number;
  countCap: number;
  scanTypes: number;
}

/** Received events; written only through `Store.commit`, read by the API. */
export interface EventStore {
  get(id: string): Promise<EventRecord | null>;
  /** Which of these ids were already received (idempotent ingestion). */
  existing(ids: readonly string[]): Promise<Set<string>>;
  /**
   * The types received since `since` (ISO time), latest seen first, at most `limit`: each with
   * its last time and its events since then counted up to `countCap` (a count equal to the cap
   * means "at least"). Bounded whatever the number stored: it walks the distinct types of an
   * index on (type, receivedAt), at most `scanTypes` of them in name order, with one seek each
   * and `countCap` index entries at most. Called by the editor's event-type suggestions.
   */
  recentTypes(options: RecentTypesQuery): Promise<EventTypeSeen[]>;
  /**
   * The top-level property names of the `sample` latest events of `type`, with how many of those
   * carry each, most common first (ties by name), at most `limit`. Reads `sample` events through
   * the (type, receivedAt) index. Called by the editor's condition field suggestions.
   */
  propertyNames(options: { type: string; sample: number; limit: number }): Promise<NameCount[]>;
}
