import { describe, expect, it } from 'vitest';
import { createSqliteScheduler, type Scheduler } from '../../server/scheduler/scheduler.ts';
import { schedulerDatabase } from './helpers/scheduler-database.ts';

/**
 * Found by the three-process kill -9 test: a schedule firing held by a killed process ran ~7 s
 * late in the process that took it over, and Agenda counted the next run from when it ran, so
 * the schedule times that passed meanwhile never fired. A late firing now counts from its own
 * time: the times it missed fire once each, right after it.
 */
describe('a cron schedule whose firing runs late', () => {
  const { db: database, stops } = schedulerDatabase();

  it('fires every schedule time once, the ones that passed while it waited included', async () => {
    const EVERY_MS = 2000;
    const scheduler: Scheduler = createSqliteScheduler({ db: database(), processEvery: 100 });
    stops.push(() => scheduler.stop());
    const firings: number[] = [];
    scheduler.define('tick', async () => void firings.push(Date.now()));
    await scheduler.start();
    await scheduler.scheduleCron({
      name: 'tick',
      key: 'k',
      cron: '*/2 * * * * *',
      timezone: 'UTC',
      data: {},
    });
    while (firings.length === 0) await sleep(20);

    // No process claims the schedule for two and a half periods: its next firing runs late.
    await scheduler.stop();
    const stoppedAt = Date.now();
    await sleep(EVERY_MS * 2.5);
    await scheduler.start();
    await sleep(EVERY_MS * 2);
    await scheduler.stop();
    const until = Date.now();

    const times: number[] = [];
    for (let time = Math.floor(firings[0]! / EVERY_MS) * EVERY_MS; time < until; time += EVERY_MS)
      times.push(time);
    // Each firing is the earliest time at or before it not fired yet.
    const fired = new Set<number>();
    const extra: number[] = [];
    for (const firing of firings) {
      const time = times.find((candidate) => candidate <= firing + 1 && !fired.has(candidate));
      if (time === undefined) extra.push(firing);
      else fired.add(time);
    }
    const seconds = (at: number) => ((at - times[0]!) / 1000).toFixed(1);
    expect(
      // Up to the last firing: a time just before the stop may have had no turn yet.
      times.filter((time) => !fired.has(time) && time <= firings.at(-1)!).map(seconds),
      `schedule times (s) with no firing; firings at ${firings.map(seconds).join(', ')}`,
    ).toEqual([]);
    expect(extra.map(seconds)).toEqual([]);
    // The test did hold a firing past its time, and past the time after it.
    expect(firings.some((firing) => firing > stoppedAt + EVERY_MS * 2.5)).toBe(true);
    expect(
      times.filter((time) => time > stoppedAt && time < stoppedAt + EVERY_MS * 2).length,
    ).toBeGreaterThan(0);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
