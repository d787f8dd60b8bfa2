import type { DatabaseSync } from 'node:sqlite';
import type { EventRecord, EventStore } from '../ports/event-store.ts';
import { prepareCached } from './prepare-cached.ts';

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
}
