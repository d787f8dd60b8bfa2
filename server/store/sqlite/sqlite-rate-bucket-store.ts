import type { DatabaseSync } from 'node:sqlite';
import type { RateBucketStore, RateLimit, RateTake } from '../ports/rate-bucket-store.ts';
import { prepareCached } from './prepare-cached.ts';

/** The bucket's tokens refilled up to now (SET expressions all read the row as it was). */
const REFILLED = 'min(:burst, tokens + max(0, :now - at) * :rate / 1000.0)';

export class SqliteRateBucketStore implements RateBucketStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async take(key: string, limit: RateLimit, now: number): Promise<RateTake> {
    // One statement: SQLite serialises writers, so no two takes see the same tokens.
    const row = prepareCached(
      this.db,
      `INSERT INTO rate_buckets (key, tokens, at, granted) VALUES (:key, :burst - 1, :now, 1)
       ON CONFLICT (key) DO UPDATE SET
         granted = ${REFILLED} >= 1,
         tokens = ${REFILLED} - (${REFILLED} >= 1),
         at = max(at, :now)
       RETURNING tokens, granted`,
    ).get({ key, burst: limit.burst, rate: limit.perSecond, now }) as { tokens: number; granted: number };
    return { granted: row.granted === 1, tokens: row.tokens };
  }
}
