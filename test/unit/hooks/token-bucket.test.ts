import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../../server/hooks/token-bucket.ts';

const clockAt = (start = 0) => {
  const clock = { time: start, now: () => clock.time };
  return clock;
};

describe('TokenBuckets', () => {
  it('allows a burst, then one call per refill interval, and says how long to wait', () => {
    const clock = clockAt();
    const buckets = new TokenBuckets({ perSecond: 10, burst: 3 }, clock);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(100);
    clock.time += 100;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(100);
  });

  it('keeps one bucket per key and never refills above the burst', () => {
    const clock = clockAt();
    const buckets = new TokenBuckets({ perSecond: 1, burst: 2 }, clock);
    buckets.take('a');
    buckets.take('a');
    expect(buckets.take('b')).toBe(0);
    clock.time += 60_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 1000]);
  });
});
