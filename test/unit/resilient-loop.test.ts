import { describe, expect, it } from 'vitest';
import { ResilientLoop } from '../../server/runtime/resilient-loop.ts';
import { capturedLog } from '../integration/helpers/test-server.ts';

describe('a resilient loop', () => {
  const setup = () => {
    const log = capturedLog();
    let now = 0;
    const loop = new ResilientLoop({ name: 'test loop', logger: log.logger, now: () => now });
    const lines = () =>
      log
        .text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { msg: string; err?: { message: string } });
    return { loop, lines, advance: (ms: number) => (now += ms) };
  };

  it('waits longer after each failure, never more than the cap, and logs the cause once', () => {
    const { loop, lines, advance } = setup();
    const delays = Array.from({ length: 12 }, () => {
      const delay = loop.failed(new Error('database or disk is full'));
      advance(delay);
      return delay;
    });
    expect(delays[0]).toBeGreaterThanOrEqual(160);
    expect(delays[0]).toBeLessThanOrEqual(240);
    expect(delays[3]).toBeGreaterThan(delays[0]! * 4);
    expect(Math.max(...delays)).toBeLessThanOrEqual(6000);
    expect(delays.slice(-3).every((delay) => delay >= 4000)).toBe(true);
    expect(lines()).toEqual([
      expect.objectContaining({
        msg: 'test loop failed; retrying until it works',
        err: expect.objectContaining({ message: 'database or disk is full' }),
      }),
    ]);
    expect(loop.failing).toBe(true);
  });

  it('logs again when the cause changes, and the recovery once, with how long it was down', () => {
    const { loop, lines, advance } = setup();
    loop.failed(new Error('database or disk is full'));
    advance(1000);
    loop.failed(new Error('database or disk is full'));
    loop.failed(new Error('disk I/O error'));
    advance(500);
    loop.succeeded();
    loop.succeeded();
    expect(lines().map((line) => line.msg)).toEqual([
      'test loop failed; retrying until it works',
      'test loop failed; retrying until it works',
      'test loop recovered',
    ]);
    expect(lines()[2]).toMatchObject({ loop: 'test loop', failures: 3, downMs: 1500 });
    expect(loop.failing).toBe(false);
    // A new outage starts from the first delay again and is logged again.
    expect(loop.failed(new Error('database or disk is full'))).toBeLessThanOrEqual(240);
    expect(lines()).toHaveLength(4);
  });

  it('counts a failure long after the previous one as a new outage, logged again', () => {
    const { loop, lines, advance } = setup();
    loop.failed(new Error('database is locked'));
    advance(61_000);
    loop.failed(new Error('database is locked'));
    expect(lines()).toHaveLength(2);
  });
});
