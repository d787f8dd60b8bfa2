import { expect, it, describe } from 'vitest';
import { ago, later, SECOND, type SuiteContext } from './job-repository.context.ts';

/** saveJob: inserts, updates by id, single and unique jobs, insert-only, debounce. */
export function savingTests(suite: SuiteContext): void {
  const { save, claim, byId } = suite;
  describe('saving', () => {
    it('saves a new job with an id and reads every field back', async () => {
      const fields = {
        priority: 5,
        nextRunAt: later(60 * SECOND),
        data: { to: 'a', nested: { list: [1, 'two', null] } },
        repeatInterval: '*/5 * * * *',
        repeatTimezone: 'Europe/Paris',
        startDate: ago(3600 * SECOND),
        endDate: later(3600 * SECOND),
        skipDays: [0, 6],
        disabled: true,
      };
      const saved = await save(fields);
      expect(saved._id).toBeTruthy();
      expect(await byId(saved)).toMatchObject({ ...fields, _id: saved._id, name: 'send', type: 'normal' });
    });

    it('keeps a numeric repeat interval a number', async () => {
      const saved = await save({ repeatInterval: 5000 });
      expect((await byId(saved))?.repeatInterval).toBe(5000);
    });

    it('updates a job saved with its id, keeping the id', async () => {
      const saved = await save();
      const updated = await suite.repository.saveJob({ ...saved, priority: 20, data: { v: 2 } }, undefined);
      expect(updated._id).toBe(saved._id);
      expect(await byId(saved)).toMatchObject({ priority: 20, data: { v: 2 } });
      expect((await suite.repository.queryJobs({ name: 'send' })).total).toBe(1);
    });

    it('returns a job saved with an id that no longer exists unchanged, without inserting it', async () => {
      const saved = await save();
      await suite.repository.removeJobs({ id: saved._id! });
      const again = await suite.repository.saveJob({ ...saved, data: { v: 2 } }, undefined);
      expect(again.data).toEqual({ v: 2 });
      expect((await suite.repository.queryJobs()).total).toBe(0);
    });

    it('keeps one row per name for single jobs, under the same id', async () => {
      const first = await save({ type: 'single', nextRunAt: later(60 * SECOND), data: { v: 1 } });
      const second = await save({
        type: 'single',
        nextRunAt: later(120 * SECOND),
        data: { v: 2 },
        priority: 9,
      });
      expect(second._id).toBe(first._id);
      expect(second).toMatchObject({ data: { v: 2 }, priority: 9 });
      expect((await suite.repository.queryJobs({ name: 'send' })).total).toBe(1);
    });

    it('keeps the stored run time of a single job when the new one is already due', async () => {
      const stored = later(30 * SECOND);
      await save({ type: 'single', nextRunAt: stored });
      const again = await save({ type: 'single', nextRunAt: ago(1), data: { v: 2 } });
      expect(again.nextRunAt?.getTime()).toBe(stored.getTime());
      expect(again.data).toEqual({ v: 2 });
    });

    it('keeps one row per unique query and replaces its time and data', async () => {
      const at = later(90 * SECOND);
      await save({ unique: { 'data.key': 'a' }, data: { key: 'a', v: 1 } });
      await save({ unique: { 'data.key': 'a' }, data: { key: 'a', v: 2 }, nextRunAt: at });
      await save({ unique: { 'data.key': 'b' }, data: { key: 'b', v: 1 } });
      const { jobs } = await suite.repository.queryJobs({ name: 'send', sort: { data: 'asc' } });
      expect(jobs.map((found) => found.data)).toEqual([
        { key: 'a', v: 2 },
        { key: 'b', v: 1 },
      ]);
      expect(jobs[0]?.nextRunAt?.getTime()).toBe(at.getTime());
    });

    it('keeps the first job of a unique query saved insert-only', async () => {
      const first = await save({ unique: { 'data.key': 'a' }, data: { key: 'a', v: 1 } });
      const again = await save({
        unique: { 'data.key': 'a' },
        uniqueOpts: { insertOnly: true },
        data: { key: 'a', v: 9 },
      });
      expect(again._id).toBe(first._id);
      expect(again.data).toEqual({ key: 'a', v: 1 });
    });

    it("updates a unique job that no worker holds in place, keeping its id (as Agenda's own backends)", async () => {
      const first = await save({ unique: { 'data.key': 'a' }, data: { key: 'a', v: 1 }, priority: 1 });
      const again = await save({ unique: { 'data.key': 'a' }, data: { key: 'a', v: 2 }, priority: 7 });
      expect(again._id).toBe(first._id);
      expect(await byId(first)).toMatchObject({ data: { key: 'a', v: 2 }, priority: 7 });
      expect((await suite.repository.queryJobs({ name: 'send' })).total).toBe(1);
    });

    it('replaces a unique job that a worker holds under a new id, so the holder cannot save the old version', async () => {
      await save({ unique: { 'data.key': 'a' }, data: { key: 'a', v: 1 } });
      const held = await claim();
      const replaced = await save({ unique: { 'data.key': 'a' }, data: { key: 'a', v: 2 } });
      expect(replaced._id).not.toBe(held?._id);
      await expect(suite.repository.saveJobState({ ...held!, nextRunAt: null }, undefined)).rejects.toThrow(
        /cannot be updated/,
      );
      expect(replaced.lockedAt).toBeUndefined();
      expect((await claim())?.data).toEqual({ key: 'a', v: 2 });
    });

    it('pushes a trailing debounced job back by the delay on each save, until maxWait', async () => {
      const debounced = (maxWait?: number) =>
        save({
          unique: { 'data.key': 'd' },
          uniqueOpts: { debounce: { delay: 2000, ...(maxWait === undefined ? {} : { maxWait }) } },
          data: { key: 'd' },
        });
      const first = await debounced();
      expect(first.nextRunAt!.getTime()).toBeGreaterThan(Date.now() + 1500);
      expect(first.debounceStartedAt).toBeInstanceOf(Date);
      const pushed = await debounced();
      expect(pushed.nextRunAt!.getTime()).toBeGreaterThanOrEqual(first.nextRunAt!.getTime());
      await new Promise((resolve) => setTimeout(resolve, 5));
      const forced = await debounced(1);
      expect(forced.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now());
      expect((await suite.repository.queryJobs({ name: 'send' })).total).toBe(1);
    });

    it('keeps the run time of a leading debounced job and updates its data', async () => {
      const leading = (v: number) =>
        save({
          unique: { 'data.key': 'l' },
          uniqueOpts: { debounce: { delay: 5000, strategy: 'leading' } },
          data: { key: 'l', v },
          nextRunAt: v === 1 ? ago(1) : later(60 * SECOND),
        });
      const first = await leading(1);
      const second = await leading(2);
      expect(second.nextRunAt?.getTime()).toBe(first.nextRunAt?.getTime());
      expect(second.data).toEqual({ key: 'l', v: 2 });
    });
  });
}
