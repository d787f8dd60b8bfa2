import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteScheduler, type Scheduler } from '../../../server/scheduler/scheduler.ts';
import { openDatabase } from '../../../server/store/sqlite/open-database.ts';

describe('the SQLite Agenda scheduler', () => {
  let dir: string;
  let db: DatabaseSync;
  const schedulers: Scheduler[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hookflow-scheduler-'));
    db = openDatabase(join(dir, 'jobs.db'));
  });

  afterEach(async () => {
    for (const scheduler of schedulers.splice(0)) await scheduler.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function started(fired: { key: string; at: number }[]): Promise<Scheduler> {
    const scheduler = createSqliteScheduler({ db });
    scheduler.define<{ key: string }>(
      'tick',
      async (data) => void fired.push({ key: data.key, at: Date.now() }),
    );
    await scheduler.start();
    schedulers.push(scheduler);
    return scheduler;
  }

  const until = async (check: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('fires jobs due in 300 ms and in 3 s within 150 ms of their time, not at the next poll', async () => {
    const fired: { key: string; at: number }[] = [];
    const scheduler = await started(fired);
    const soon = Date.now() + 300;
    const later = Date.now() + 3000;
    await scheduler.scheduleAt({ name: 'tick', key: 'soon', at: new Date(soon), data: { key: 'soon' } });
    await scheduler.scheduleAt({ name: 'tick', key: 'later', at: new Date(later), data: { key: 'later' } });
    await until(() => fired.length === 2, 5000);
    const at = Object.fromEntries(fired.map((entry) => [entry.key, entry.at]));
    expect(at.soon! - soon).toBeGreaterThanOrEqual(0);
    expect(at.soon! - soon).toBeLessThan(150);
    expect(at.later! - later).toBeGreaterThanOrEqual(0);
    expect(at.later! - later).toBeLessThan(150);
  });

  it('replaces time and data when the same key is scheduled again, and runs once', async () => {
    const fired: { key: string; at: number }[] = [];
    const scheduler = await started(fired);
    await scheduler.scheduleAt({
      name: 'tick',
      key: 'k',
      at: new Date(Date.now() + 200),
      data: { key: 'first' },
    });
    const moved = Date.now() + 600;
    await scheduler.scheduleAt({ name: 'tick', key: 'k', at: new Date(moved), data: { key: 'second' } });
    await until(() => fired.length > 0, 3000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fired.map((entry) => entry.key)).toEqual(['second']);
    expect(fired[0]!.at).toBeGreaterThanOrEqual(moved);
  });

  it('cancels a pending job', async () => {
    const fired: { key: string; at: number }[] = [];
    const scheduler = await started(fired);
    await scheduler.scheduleAt({
      name: 'tick',
      key: 'gone',
      at: new Date(Date.now() + 300),
      data: { key: 'gone' },
    });
    expect(await scheduler.cancel({ name: 'tick', key: 'gone' })).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(fired).toEqual([]);
  });

  it('fires right after a restart a job whose time passed while stopped', async () => {
    const fired: { key: string; at: number }[] = [];
    const first = await started(fired);
    await first.scheduleAt({
      name: 'tick',
      key: 'missed',
      at: new Date(Date.now() + 300),
      data: { key: 'missed' },
    });
    await first.stop();
    schedulers.splice(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fired).toEqual([]);
    const restartedAt = Date.now();
    await started(fired);
    await until(() => fired.length === 1, 3000);
    expect(fired[0]!.at - restartedAt).toBeLessThan(500);
  });

  it('fires 2,000 jobs scheduled at once, each exactly once', async () => {
    const fired: { key: string; at: number }[] = [];
    const scheduler = await started(fired);
    const at = new Date(Date.now() + 500);
    for (let i = 0; i < 2000; i += 1)
      await scheduler.scheduleAt({ name: 'tick', key: `j${i}`, at, data: { key: `j${i}` } });
    await until(() => fired.length >= 2000, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fired).toHaveLength(2000);
    expect(new Set(fired.map((entry) => entry.key)).size).toBe(2000);
  }, 90_000);
});
