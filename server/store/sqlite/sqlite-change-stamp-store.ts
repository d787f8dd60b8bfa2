import type { DatabaseSync } from 'node:sqlite';
import { CHANGE_TOPICS, type ChangeStampStore, type ChangeTopic } from '../ports/change-stamp-store.ts';
import { prepareCached } from './prepare-cached.ts';

/** Reads the `change_stamps` rows that triggers on the cached tables increment (see migrations). */
export class SqliteChangeStampStore implements ChangeStampStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async read(): Promise<Record<ChangeTopic, number>> {
    const rows = prepareCached(this.db, 'SELECT topic, stamp FROM change_stamps').all() as {
      topic: ChangeTopic;
      stamp: number;
    }[];
    const stamps = Object.fromEntries(CHANGE_TOPICS.map((topic) => [topic, 0])) as Record<
      ChangeTopic,
      number
    >;
    for (const { topic, stamp } of rows) stamps[topic] = stamp;
    return stamps;
  }
}
