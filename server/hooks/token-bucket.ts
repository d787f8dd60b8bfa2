import type { Clock } from '../runtime/clock.ts';

/** How fast one launch hook may be called: `perSecond` on average, `burst` at once. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export const DEFAULT_HOOK_RATE: RateLimit = { perSecond: 10, burst: 20 };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per key (a launch hook), in memory: a limit per process, which is what
 * protects this process. Buckets refill lazily on use; full ones are dropped so idle hooks
 * cost nothing.
 */
export class TokenBuckets {
  private readonly limit: RateLimit;
  private readonly clock: Clock;
  private readonly buckets = new Map<string, Bucket>();

  constructor(limit: RateLimit, clock: Clock) {
    this.limit = limit;
    this.clock = clock;
  }

  /** Takes one token: 0 when allowed, else the milliseconds until a token is back. */
  take(key: string): number {
    const now = this.clock.now();
    const bucket = this.refill(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.limit.perSecond) * 1000);
  }

  private refill(key: string, now: number): Bucket {
    const { perSecond, burst } = this.limit;
    const known = this.buckets.get(key);
    const bucket = known ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (!known) this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.dropFull(now);
    return bucket;
  }

  private dropFull(now: number): void {
    const { perSecond, burst } = this.limit;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
    }
  }
}
