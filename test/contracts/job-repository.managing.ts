import type { JobRepository } from 'agenda';
import { describe, expect, it, beforeEach } from 'vitest';
import { ago, later, SECOND, type SuiteContext } from './job-repository.context.ts';

/** saveJobState, disable / enable / remove / purge, and the read side (queries, overview). */
export function managingTests(suite: SuiteContext): void {
  const { save, claim, byId } = suite;
  describe('run state', () => {
    it('saves job state, and refuses state for a job that no longer exists', async () => {
      const saved = await save();
      const at = new Date();
      await suite.repository.saveJobState(
        {
          ...saved,
          lastRunAt: at,
          lastFinishedAt: at,
          failCount: 2,
          failReason: 'boom',
          failedAt: at,
          progress: 50,
        },
        undefined,
      );
      expect(await byId(saved)).toMatchObject({
        lastRunAt: at,
        lastFinishedAt: at,
        failCount: 2,
        failReason: 'boom',
        failedAt: at,
        progress: 50,
      });
      await suite.repository.removeJobs({ id: saved._id! });
      await expect(suite.repository.saveJobState(saved, undefined)).rejects.toThrow(/cannot be updated/);
    });
  });

  describe('fail reasons', () => {
    it('saves the state of a job whose handler rejected with a non-Error, its reason as text, and unlocks it', async () => {
      await save();
      const held = await claim();
      const reason = { code: 'E_REMOTE' } as unknown as string;
      await suite.repository.saveJobState(
        {
          ...held!,
          lockedAt: undefined,
          nextRunAt: null,
          failReason: reason,
          failCount: 1,
          failedAt: new Date(),
        },
        undefined,
      );
      const stored = await byId(held!);
      expect(stored?.lockedAt).toBeUndefined();
      expect(stored?.failReason).toBe('{"code":"E_REMOTE"}');
      expect(await claim('send', 0)).toBeUndefined();
    });

    it('stores a non-Error reason as text when a job is saved whole', async () => {
      const saved = await save({ failReason: 42 as unknown as string, failCount: 1 });
      expect((await byId(saved))?.failReason).toBe('42');
    });
  });

  describe('managing', () => {
    it('disables and enables jobs, counting only those that changed', async () => {
      await save();
      await save({ disabled: true });
      await save({ name: 'keep' });
      expect(await suite.repository.disableJobs({ name: 'send' })).toBe(1);
      expect(await claim()).toBeUndefined();
      expect(await suite.repository.enableJobs({ name: 'send' })).toBe(2);
      expect(await claim()).toBeDefined();
    });

    it('removes jobs by id, ids, name, names, data and all-but-names, and nothing without a criterion', async () => {
      const [a, b] = [await save({ data: { k: 1 } }), await save({ data: { k: 2 } })];
      await save({ name: 'x', data: { k: 3, deep: { on: true } } });
      await save({ name: 'y' });
      await save({ name: 'z' });
      expect(await suite.repository.removeJobs({})).toBe(0);
      expect(await suite.repository.removeJobs({ data: {} })).toBe(0);
      expect(await suite.repository.removeJobs({ id: a._id! })).toBe(1);
      expect(await suite.repository.removeJobs({ ids: [b._id!, 'missing'] })).toBe(1);
      expect(await suite.repository.removeJobs({ data: { deep: { on: false } } })).toBe(0);
      expect(await suite.repository.removeJobs({ data: { deep: { on: true } } })).toBe(1);
      expect(await suite.repository.removeJobs({ names: ['y', 'nope'] })).toBe(1);
      expect(await suite.repository.removeJobs({ notNames: ['z'] })).toBe(0);
      expect(await suite.repository.removeJobs({ name: 'z' })).toBe(1);
    });

    it('purges every job', async () => {
      await save();
      await save({ name: 'other' });
      expect(await suite.repository.purgeAllJobs()).toBe(2);
      expect(await suite.repository.getDistinctJobNames()).toEqual([]);
    });
  });

  describe('querying', () => {
    beforeEach(async () => {
      await save({
        name: 'job-a',
        priority: 10,
        nextRunAt: later(60 * SECOND),
        data: { type: 'alpha', n: 1 },
      });
      await save({
        name: 'job-b',
        priority: 5,
        nextRunAt: later(120 * SECOND),
        data: { type: 'beta', n: 2 },
      });
      await save({
        name: 'job-a',
        priority: 15,
        nextRunAt: later(180 * SECOND),
        data: { type: 'alpha', n: 3 },
      });
    });

    it('queries jobs by name, names, ids, search and partial data', async () => {
      const total = async (options: Parameters<JobRepository['queryJobs']>[0]) =>
        (await suite.repository.queryJobs(options)).total;
      expect(await total({})).toBe(3);
      expect(await total({ name: 'job-a' })).toBe(2);
      expect(await total({ names: ['job-a', 'job-b'] })).toBe(3);
      expect(await total({ search: 'JOB-B' })).toBe(1);
      expect(await total({ data: { type: 'alpha' } })).toBe(2);
      expect(await total({ data: { type: 'alpha', n: 3 } })).toBe(1);
      const { jobs } = await suite.repository.queryJobs({ name: 'job-b' });
      expect(await total({ ids: [String(jobs[0]!._id)] })).toBe(1);
      expect(await total({ id: String(jobs[0]!._id) })).toBe(1);
    });

    it('leaves disabled jobs out only when asked, and filters by computed state', async () => {
      await save({ name: 'paused', disabled: true });
      await save({ name: 'due', nextRunAt: ago(SECOND) });
      expect((await suite.repository.queryJobs({ includeDisabled: true })).total).toBe(5);
      expect((await suite.repository.queryJobs({ includeDisabled: false })).total).toBe(4);
      expect((await suite.repository.queryJobs({ state: 'paused' })).jobs.map((found) => found.name)).toEqual(
        ['paused'],
      );
      const queued = await suite.repository.queryJobs({ state: 'queued' });
      expect(queued.jobs.map((found) => found.name).sort()).toEqual(['due', 'paused']);
      expect(queued.jobs[0]?.state).toBe('queued');
      expect((await suite.repository.queryJobs({ state: 'scheduled', limit: 2 })).total).toBe(3);
    });

    it('sorts and paginates, reporting the total before pagination', async () => {
      const page = await suite.repository.queryJobs({ sort: { priority: 'desc' }, skip: 1, limit: 1 });
      expect(page.total).toBe(3);
      expect(page.jobs.map((found) => found.priority)).toEqual([10]);
      const latestFirst = await suite.repository.queryJobs();
      expect(latestFirst.jobs.map((found) => (found.data as { n: number }).n)).toEqual([3, 2, 1]);
    });

    it('counts due jobs and lists distinct names', async () => {
      await save({ name: 'due', nextRunAt: ago(SECOND) });
      expect(await suite.repository.getQueueSize()).toBe(1);
      expect(await suite.repository.getDistinctJobNames()).toEqual(['due', 'job-a', 'job-b']);
    });

    it('summarises jobs per name and state', async () => {
      await save({ name: 'job-b', disabled: true, nextRunAt: null, lastFinishedAt: new Date() });
      const overview = await suite.repository.getJobsOverview();
      expect(overview.find((entry) => entry.name === 'job-a')).toMatchObject({ total: 2, scheduled: 2 });
      expect(overview.find((entry) => entry.name === 'job-b')).toMatchObject({
        total: 2,
        scheduled: 1,
        completed: 1,
        paused: 1,
      });
    });
  });
}
