import type { JobParameters, JobRepository } from 'agenda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** What a suite run needs: a fresh repository per test (and a second one on the same storage). */
export interface JobRepositoryHarness {
  name: string;
  create(): Promise<{ repository: JobRepository; twin: () => Promise<JobRepository> }>;
  cleanup(): Promise<void>;
}

const job = (overrides: Partial<JobParameters> = {}): JobParameters => ({
  name: 'send',
  priority: 0,
  nextRunAt: new Date(Date.now() - 1000),
  type: 'normal',
  data: {},
  ...overrides,
});

/** The behaviour Agenda relies on from any job repository, modelled on Agenda's own shared suite. */
export function jobRepositorySuite(harness: JobRepositoryHarness): void {
  describe(`job repository contract: ${harness.name}`, () => {
    let repository: JobRepository;
    let twin: () => Promise<JobRepository>;
    const farFuture = () => new Date(Date.now() + 60_000);
    const lockDeadline = () => new Date(Date.now() - 600_000);

    beforeEach(async () => {
      ({ repository, twin } = await harness.create());
      await repository.connect();
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('inserts a job with an id and reads it back', async () => {
      const saved = await repository.saveJob(job({ data: { to: 'a' }, priority: 5 }), undefined);
      expect(saved._id).toBeTruthy();
      const found = await repository.getJobById(String(saved._id));
      expect(found).toMatchObject({ name: 'send', priority: 5, data: { to: 'a' }, type: 'normal' });
      expect(found?.nextRunAt).toBeInstanceOf(Date);
    });

    it('updates a job saved with its id instead of inserting another', async () => {
      const saved = await repository.saveJob(job(), undefined);
      await repository.saveJob({ ...saved, data: { changed: true } }, undefined);
      const { total, jobs } = await repository.queryJobs({ name: 'send' });
      expect(total).toBe(1);
      expect(jobs[0]?.data).toEqual({ changed: true });
    });

    it('keeps one row per name for single jobs and protects a due nextRunAt', async () => {
      const due = new Date(Date.now() - 5000);
      await repository.saveJob(job({ type: 'single', nextRunAt: due }), undefined);
      await repository.saveJob(
        job({ type: 'single', nextRunAt: new Date(Date.now() - 1), data: { v: 2 } }),
        undefined,
      );
      const { jobs } = await repository.queryJobs({ name: 'send' });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]?.data).toEqual({ v: 2 });
      expect(jobs[0]?.nextRunAt?.getTime()).toBe(due.getTime());
    });

    it('keeps one row per unique query, and insertOnly keeps the first', async () => {
      await repository.saveJob(job({ unique: { 'data.key': 'a' }, data: { key: 'a', v: 1 } }), undefined);
      await repository.saveJob(job({ unique: { 'data.key': 'a' }, data: { key: 'a', v: 2 } }), undefined);
      await repository.saveJob(job({ unique: { 'data.key': 'b' }, data: { key: 'b', v: 1 } }), undefined);
      await repository.saveJob(
        job({ unique: { 'data.key': 'b' }, uniqueOpts: { insertOnly: true }, data: { key: 'b', v: 9 } }),
        undefined,
      );
      const { jobs } = await repository.queryJobs({ name: 'send', sort: { data: 'asc' } });
      expect(jobs.map((found) => found.data)).toEqual([
        { key: 'a', v: 2 },
        { key: 'b', v: 1 },
      ]);
    });

    it('claims the earliest nextRunAt first, then the highest priority', async () => {
      const now = Date.now();
      await repository.saveJob(job({ data: { n: 'late' }, nextRunAt: new Date(now - 100) }), undefined);
      await repository.saveJob(
        job({ data: { n: 'low' }, nextRunAt: new Date(now - 500), priority: 0 }),
        undefined,
      );
      await repository.saveJob(
        job({ data: { n: 'high' }, nextRunAt: new Date(now - 500), priority: 10 }),
        undefined,
      );
      const order = [];
      for (let i = 0; i < 3; i += 1) {
        const claimed = await repository.getNextJobToRun(
          'send',
          new Date(),
          lockDeadline(),
          undefined,
          undefined,
        );
        order.push((claimed?.data as { n: string }).n);
        expect(claimed?.lockedAt).toBeInstanceOf(Date);
      }
      expect(order).toEqual(['high', 'low', 'late']);
      expect(
        await repository.getNextJobToRun('send', new Date(), lockDeadline(), undefined, undefined),
      ).toBeUndefined();
    });

    it('does not claim jobs beyond the scan horizon, other names, or disabled jobs', async () => {
      await repository.saveJob(job({ nextRunAt: farFuture() }), undefined);
      await repository.saveJob(job({ name: 'other' }), undefined);
      await repository.saveJob(job({ disabled: true }), undefined);
      expect(
        await repository.getNextJobToRun('send', new Date(), lockDeadline(), undefined, undefined),
      ).toBeUndefined();
    });

    it('re-claims a job whose lock outlived the lock lifetime', async () => {
      const saved = await repository.saveJob(job(), undefined);
      const first = await repository.getNextJobToRun(
        'send',
        new Date(),
        lockDeadline(),
        undefined,
        undefined,
      );
      expect(String(first?._id)).toBe(String(saved._id));
      expect(
        await repository.getNextJobToRun('send', new Date(), lockDeadline(), undefined, undefined),
      ).toBeUndefined();
      const expired = await repository.getNextJobToRun(
        'send',
        new Date(),
        new Date(Date.now() + 1),
        undefined,
        undefined,
      );
      expect(String(expired?._id)).toBe(String(saved._id));
    });

    it('never hands the same job to two repositories claiming at once', async () => {
      const other = await twin();
      for (let i = 0; i < 50; i += 1) await repository.saveJob(job({ data: { i } }), undefined);
      const claims = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          (i % 2 ? repository : other).getNextJobToRun(
            'send',
            new Date(),
            lockDeadline(),
            undefined,
            undefined,
          ),
        ),
      );
      const ids = claims.filter(Boolean).map((claimed) => String(claimed!._id));
      expect(ids).toHaveLength(50);
      expect(new Set(ids).size).toBe(50);
    });

    it('locks a specific job only once and unlocks it again', async () => {
      const saved = await repository.saveJob(job({ nextRunAt: farFuture() }), undefined);
      expect(await repository.lockJob(saved, undefined)).toBeDefined();
      expect(await repository.lockJob(saved, undefined)).toBeUndefined();
      await repository.unlockJob(saved);
      expect(await repository.lockJob(saved, undefined)).toBeDefined();
      await repository.unlockJobs([String(saved._id)]);
      expect((await repository.getJobById(String(saved._id)))?.lockedAt).toBeUndefined();
    });

    it('saves job state and refuses state for a job that no longer exists', async () => {
      const saved = await repository.saveJob(job(), undefined);
      const lastRunAt = new Date();
      await repository.saveJobState({ ...saved, lastRunAt, failCount: 2, failReason: 'boom' }, undefined);
      expect(await repository.getJobById(String(saved._id))).toMatchObject({
        failCount: 2,
        failReason: 'boom',
        lastRunAt,
      });
      await repository.removeJobs({ id: String(saved._id) });
      await expect(repository.saveJobState(saved, undefined)).rejects.toThrow(/cannot be updated/);
    });

    it('disables, enables, removes and purges by name', async () => {
      await repository.saveJob(job(), undefined);
      await repository.saveJob(job(), undefined);
      await repository.saveJob(job({ name: 'keep' }), undefined);
      expect(await repository.disableJobs({ name: 'send' })).toBe(2);
      expect(
        await repository.getNextJobToRun('send', new Date(), lockDeadline(), undefined, undefined),
      ).toBeUndefined();
      expect(await repository.enableJobs({ name: 'send' })).toBe(2);
      expect(await repository.removeJobs({ notNames: ['keep'] })).toBe(2);
      expect(await repository.getDistinctJobNames()).toEqual(['keep']);
      expect(await repository.purgeAllJobs()).toBe(1);
    });

    it('counts due jobs and summarises them per name', async () => {
      await repository.saveJob(job(), undefined);
      await repository.saveJob(job({ nextRunAt: farFuture() }), undefined);
      expect(await repository.getQueueSize()).toBe(1);
      const [overview] = await repository.getJobsOverview();
      expect(overview).toMatchObject({ name: 'send', total: 2 });
    });
  });
}
