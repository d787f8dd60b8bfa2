import { expect, it } from 'vitest';
import type { StoreContext } from './store-context.ts';

/** `RateBucketStore`: token buckets shared by the processes, one record per key. */
export function storeRateBucketContract(context: StoreContext): void {
  it('grants a full burst, then one take per refill, never refilling above the burst', async () => {
    const { rateBuckets } = context.store;
    const limit = { perSecond: 10, burst: 3 };
    const takes = [];
    for (let n = 0; n < 4; n += 1) takes.push(await rateBuckets.take('hook:a', limit, 1000));
    expect(takes.map((take) => take.granted)).toEqual([true, true, true, false]);
    expect(takes[3]!.tokens).toBeCloseTo(0);
    // 100 ms later one token is back, and only one.
    expect(await rateBuckets.take('hook:a', limit, 1100)).toMatchObject({ granted: true });
    expect(await rateBuckets.take('hook:a', limit, 1100)).toMatchObject({ granted: false });
    // An idle minute refills to the burst, not beyond.
    const later = [];
    for (let n = 0; n < 4; n += 1) later.push((await rateBuckets.take('hook:a', limit, 61_100)).granted);
    expect(later).toEqual([true, true, true, false]);
  });

  it('keeps one bucket per key, and tells how much of a token is back', async () => {
    const { rateBuckets } = context.store;
    const limit = { perSecond: 1, burst: 1 };
    expect(await rateBuckets.take('hook:a', limit, 0)).toEqual({ granted: true, tokens: 0 });
    expect(await rateBuckets.take('hook:b', limit, 0)).toEqual({ granted: true, tokens: 0 });
    const refused = await rateBuckets.take('hook:a', limit, 250);
    expect(refused.granted).toBe(false);
    expect(refused.tokens).toBeCloseTo(0.25);
  });

  it('never grants more than the burst to stores taking at once from one database', async () => {
    const other = await context.twin();
    const limit = { perSecond: 0.001, burst: 5 };
    const takes = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        (n % 2 ? other : context.store).rateBuckets.take('hook:x', limit, 0),
      ),
    );
    expect(takes.filter((take) => take.granted)).toHaveLength(5);
    expect((await other.rateBuckets.take('hook:x', limit, 0)).granted).toBe(false);
  });
}
