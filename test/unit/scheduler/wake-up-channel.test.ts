import type { JobId, JobNotification } from 'agenda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RunTimeSource, WakeUpChannel } from '../../../server/scheduler/wake-up-channel.ts';

/** A store holding run times (ms) per job name. */
function storeOf(jobs: { name: string; at: number }[]): RunTimeSource & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    async getDistinctJobNames() {
      return [...new Set(jobs.map((job) => job.name))];
    },
    async nextRunAfter(after) {
      asked.push(after.getTime());
      const next = jobs.filter((job) => job.at > after.getTime()).sort((a, b) => a.at - b.at)[0];
      return next ? { name: next.name, nextRunAt: new Date(next.at) } : null;
    },
  };
}

const saved = (jobName: string, at: number | null): JobNotification => ({
  jobId: 'id' as JobId,
  jobName,
  nextRunAt: at === null ? null : new Date(at),
  priority: 0,
  timestamp: new Date(),
});

describe('the wake-up channel', () => {
  const T0 = Date.UTC(2026, 0, 1);
  let heard: string[];
  let heardAt: number[];

  async function connected(jobs: { name: string; at: number }[]) {
    const source = storeOf(jobs);
    const channel = new WakeUpChannel(source);
    channel.subscribe((notification) => {
      heard.push(notification.jobName);
      heardAt.push(Date.now());
    });
    await channel.connect();
    return { channel, source };
  }

  /**
   * Runs the fake clock up to `ms` after the start, plus the tick in which the fake timers run an
   * immediate queued by a timer (real Node runs it in the same turn of the loop).
   */
  const runUntil = async (ms: number) => vi.advanceTimersByTimeAsync(T0 + ms + 1 - Date.now());

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'], now: T0 });
    heard = [];
    heardAt = [];
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('notifies every stored job name when the earliest run time arrives, not before', async () => {
    await connected([
      { name: 'a', at: T0 + 1000 },
      { name: 'b', at: T0 + 5000 },
    ]);
    await vi.advanceTimersByTimeAsync(999);
    expect(heard).toEqual([]);
    await runUntil(1000);
    expect(heard).toEqual(['a', 'b']);
  });

  it('asks the store for the next run time after each pass and wakes up again then', async () => {
    const { source } = await connected([
      { name: 'a', at: T0 + 100 },
      { name: 'a', at: T0 + 300 },
    ]);
    await runUntil(100);
    expect(heard).toEqual(['a']);
    expect(source.asked).toEqual([T0, T0 + 101]);
    await runUntil(300);
    expect(heard).toEqual(['a', 'a']);
  });

  it('wakes up for a job saved earlier than the one it waits for', async () => {
    const { channel } = await connected([{ name: 'a', at: T0 + 1000 }]);
    await channel.publish(saved('b', T0 + 200));
    await vi.advanceTimersByTimeAsync(199);
    expect(heard).toEqual([]);
    await runUntil(200);
    expect(heard).toEqual(['a', 'b']);
  });

  it('makes one pass, at once, for a burst of jobs saved already due', async () => {
    const { channel } = await connected([]);
    for (let i = 0; i < 100; i += 1) await channel.publish(saved('now', T0 - i));
    await channel.publish(saved('unscheduled', null));
    await vi.advanceTimersByTimeAsync(0);
    expect(heard).toEqual(['now']);
  });

  it('waits again when its timer fires early by the wall clock', async () => {
    await connected([{ name: 'a', at: T0 + 100 }]);
    // The wall clock falls 5 ms behind the timers' clock.
    vi.setSystemTime(T0 - 5);
    await vi.advanceTimersByTimeAsync(110);
    expect(heard).toEqual(['a']);
    expect(heardAt[0]).toBeGreaterThanOrEqual(T0 + 100);
  });

  it('waits for a job more than 24.8 days ahead (beyond a timer delay) without spinning', async () => {
    const day = 24 * 3600 * 1000;
    await connected([{ name: 'far', at: T0 + 30 * day }]);
    await vi.advanceTimersByTimeAsync(25 * day);
    expect(heard).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    await runUntil(30 * day);
    expect(heard).toEqual(['far']);
  });

  it('makes a pass for the name of a job that finished, which freed a slot', async () => {
    const { channel } = await connected([]);
    await channel.publishState({ type: 'start', jobId: 'id' as JobId, jobName: 'a', timestamp: new Date() });
    await channel.publishState({
      type: 'complete',
      jobId: 'id' as JobId,
      jobName: 'a',
      timestamp: new Date(),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(heard).toEqual(['a']);
  });

  it('stays silent once disconnected', async () => {
    const { channel } = await connected([{ name: 'a', at: T0 + 100 }]);
    await channel.publish(saved('b', T0));
    await channel.disconnect();
    await vi.advanceTimersByTimeAsync(1000);
    expect(heard).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
