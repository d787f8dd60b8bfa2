import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from '../../../engine/throughput/index.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the concurrency limiter', () => {
  it('admits up to the limit and queues the rest in order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const order: number[] = [];
    const releases = await Promise.all([limiter.acquire(), limiter.acquire()]);
    const later = [3, 4].map((n) => limiter.acquire().then((release) => (order.push(n), release)));
    await tick();
    expect([limiter.running, limiter.queued]).toEqual([2, 2]);
    releases[0]!();
    await tick();
    expect(order).toEqual([3]);
    releases[1]!();
    await tick();
    expect(order).toEqual([3, 4]);
    (await Promise.all(later)).forEach((release) => release());
    expect(limiter.running).toBe(0);
  });

  it('applies a raised or lowered limit at once', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const first = await limiter.acquire();
    const waiting = [limiter.acquire(), limiter.acquire()];
    limiter.setLimit(3);
    const [second, third] = await Promise.all(waiting);
    expect(limiter.running).toBe(3);
    limiter.setLimit(1);
    first();
    second!();
    let admitted = false;
    const fourth = limiter.acquire().then((release) => ((admitted = true), release));
    await tick();
    expect(admitted).toBe(false);
    third!();
    (await fourth)();
    expect(admitted).toBe(true);
  });

  it('serves event-triggered requests before bulk ones and ignores a double release', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const held = await limiter.acquire();
    const order: string[] = [];
    const bulk = limiter.acquire('bulk').then((release) => (order.push('bulk'), release));
    const event = limiter.acquire('event').then((release) => (order.push('event'), release));
    held();
    held();
    (await event)();
    (await bulk)();
    expect(order).toEqual(['event', 'bulk']);
    expect(limiter.running).toBe(0);
  });
});
