import { type Collection, MongoServerError } from 'mongodb';
import type { RateBucketStore, RateLimit, RateTake } from '../ports/rate-bucket-store.ts';

export interface RateBucketDocument {
  _id: string;
  tokens: number;
  at: number;
  granted: boolean;
}

const DUPLICATE_KEY = 11000;

export class MongoRateBucketStore implements RateBucketStore {
  private readonly buckets: Collection<RateBucketDocument>;

  constructor(buckets: Collection<RateBucketDocument>) {
    this.buckets = buckets;
  }

  async take(key: string, limit: RateLimit, now: number): Promise<RateTake> {
    try {
      return await this.update(key, limit, now);
    } catch (error) {
      // Two first takes of a key upserted at once: the loser finds the bucket the winner made.
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY)
        return this.update(key, limit, now);
      throw error;
    }
  }

  /** One atomic pipeline update: refill for the time since the last take, then take a whole token. */
  private async update(key: string, limit: RateLimit, now: number): Promise<RateTake> {
    const refilled = {
      $min: [
        limit.burst,
        {
          $add: [
            { $ifNull: ['$tokens', limit.burst] },
            {
              $multiply: [
                { $max: [0, { $subtract: [now, { $ifNull: ['$at', now] }] }] },
                limit.perSecond / 1000,
              ],
            },
          ],
        },
      ],
    };
    const doc = await this.buckets.findOneAndUpdate(
      { _id: key },
      [
        { $set: { refilled } },
        {
          $set: {
            granted: { $gte: ['$refilled', 1] },
            tokens: { $cond: [{ $gte: ['$refilled', 1] }, { $subtract: ['$refilled', 1] }, '$refilled'] },
            at: { $max: [{ $ifNull: ['$at', now] }, now] },
          },
        },
        { $unset: 'refilled' },
      ],
      { upsert: true, returnDocument: 'after' },
    );
    return { granted: doc!.granted, tokens: doc!.tokens };
  }
}
