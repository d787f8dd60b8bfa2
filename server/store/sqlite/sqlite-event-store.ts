import type { DatabaseSync } from 'node:sqlite';
import type { NameCount } from '../ports/customer-store.ts';
import type { EventRecord, EventStore, EventTypeSeen, RecentTypesQuery } from '../ports/event-store.ts';
import { type EventTypeIndex, recentEventTypes } from '../recent-event-types.ts';
import { prepareCached } from './prepare-cached.ts';
import { namesOfLatest } from './sampled-names.ts';

type Row = {
  id: string;
  customer_id: string;
  type: string;
  timestamp: string;
  properties: string;
  received_at: string;
};

export class SqliteEventStore implements EventStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async get(id: string): Promise<EventRecord | null> {
    const row = prepareCached(this.db, 'SELECT * FROM events WHERE id = ?').get(id) as Row | undefined;
    if (!row) return null;
    return {
      id: row.id,
      customerId: row.customer_id,
      type: row.type,
      timestamp: row.timestamp,
      properties: JSON.parse(row.properties),
      receivedAt: row.received_at,
    };
  }

  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = prepareCached(
      this.db,
      'SELECT id FROM events WHERE id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(ids)) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  async recentTypes(options: RecentTypesQuery): Promise<EventTypeSeen[]> {
    const { db } = this;
    const index: EventTypeIndex = {
      nextType: async (after) => {
        const row = prepareCached(db, 'SELECT type FROM events WHERE type > ? ORDER BY type LIMIT 1').get(
          after ?? '',
        ) as { type: string } | undefined;
        return row?.type ?? null;
      },
      lastSeen: async (type) =>
        (
          prepareCached(db, 'SELECT max(received_at) AS at FROM events WHERE type = ?').get(type) as {
            at: string;
          }
        ).at,
      countSince: async (type, since, cap) =>
        (
          prepareCached(
            db,
            'SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE type = ? AND received_at >= ? LIMIT ?)',
          ).get(type, since, cap) as { n: number }
        ).n,
    };
    return recentEventTypes(index, options);
  }

  async propertyNames(options: { type: string; sample: number; limit: number }): Promise<NameCount[]> {
    return namesOfLatest(this.db, {
      sample: `SELECT properties AS value FROM events WHERE type = :type ORDER BY received_at DESC LIMIT :sample`,
      params: { type: options.type, sample: options.sample, limit: options.limit },
    });
  }
}
