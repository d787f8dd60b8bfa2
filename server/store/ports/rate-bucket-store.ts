/** How fast a key may be used: `perSecond` on average, `burst` at once. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** What a take left in the bucket. */
export interface RateTake {
  /** A token was taken: the call may go on. */
  granted: boolean;
  /** Tokens left after the take (fractional: the bucket refills continuously). */
  tokens: number;
}

/**
 * Token buckets kept in the store, one small record per key (a launch hook), so a limit holds
 * across every process sharing the store. Called by launch-hook calls; required.
 */
export interface RateBucketStore {
  /**
   * Refills the bucket `key` for the time since its last take (at `limit.perSecond`, up to
   * `limit.burst`; a new bucket starts full), then takes one token if there is a whole one. One
   * atomic write: two processes taking at once never both get the last token.
   */
  take(key: string, limit: RateLimit, now: number): Promise<RateTake>;
}
