import type { JobParameters, JobRepository } from 'agenda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ago, job, later, SECOND, type SuiteContext } from './job-repository.context.ts';
import { managingTests } from './job-repository.managing.ts';
import { savingTests } from './job-repository.saving.ts';

/** A fresh, empty repository per test, and a second one on the same storage (another process). */
export interface JobRepositoryFixture {
  repository: JobRepository;
  twin(): Promise<JobRepository>;
}

export interface JobRepositoryHarness {
  name: string;
  create(): Promise<JobRepositoryFixture>;
  cleanup(): Promise<void>;
}

/**
 * What Agenda relies on from a job repository (modelled on Agenda's own shared repository suite),
 * plus what the app's scheduler relies on: a unique job saved again keeps its id, unless a worker
 * holds it locked, when it is replaced under a new id.
 */
export function jobRepositorySuite(harness: JobRepositoryHarness): void {
  describe(`job repository contract: ${harness.name}`, () => {
    let repository: JobRepository;
    let twin: () => Promise<JobRepository>;
    const claim = (name = 'send', lockLifetime = 600 * SECOND, on = repository) =>
      on.getNextJobToRun(name, later(5 * SECOND), ago(lockLifetime), undefined, { lastModifiedBy: 'w1' });
    const save = (overrides: Partial<JobParameters> = {}) => repository.saveJob(job(overrides), undefined);
    const byId = async (saved: JobParameters) => repository.getJobById(String(saved._id));
    const suite: SuiteContext = {
      get repository() {
        return repository;
      },
      twin: () => twin(),
      save,
      claim,
      byId,
    };

    beforeEach(async () => {
      ({ repository, twin } = await harness.create());
      await repository.connect();
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    describe('claiming', () => {
      it('claims the earliest nextRunAt first, then the highest priority, locking each', async () => {
        const now = Date.now();
        await save({ data: { n: 'late' }, nextRunAt: new Date(now - 100) });
        await save({ data: { n: 'low' }, nextRunAt: new Date(now - 500), priority: 0 });
        await save({ data: { n: 'high' }, nextRunAt: new Date(now - 500), priority: 10 });
        await save({ data: { n: 'soon' }, nextRunAt: new Date(now + 2000) });
        const order: string[] = [];
        for (let i = 0; i < 4; i += 1) {
          const claimed = await claim();
          expect(claimed?.lockedAt).toBeInstanceOf(Date);
          expect(claimed?.lastModifiedBy).toBe('w1');
          order.push((claimed?.data as { n: string }).n);
        }
        expect(order).toEqual(['high', 'low', 'late', 'soon']);
        expect(await claim()).toBeUndefined();
      });

      it('does not claim jobs beyond the scan horizon, of another name, or disabled', async () => {
        await save({ nextRunAt: later(60 * SECOND) });
        await save({ name: 'other' });
        await save({ disabled: true });
        expect(await claim()).toBeUndefined();
        expect(await claim('other')).toBeDefined();
      });

      it('does not hand out a locked job before its lock expires, and re-claims it after', async () => {
        const saved = await save();
        expect((await claim())?._id).toBe(saved._id);
        expect(await claim()).toBeUndefined();
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect((await claim('send', 10))?._id).toBe(saved._id);
      });

      it('recovers a job left running by a dead worker once its lock expired', async () => {
        const saved = await save();
        const held = await claim();
        // The worker started it (a one-off then has no next run) and died an hour ago.
        await repository.saveJobState({ ...held!, nextRunAt: null, lockedAt: ago(3600 * SECOND) }, undefined);
        expect((await claim('send', 60 * SECOND))?._id).toBe(saved._id);
      });

      it('never hands the same job to two repositories claiming at the same time', async () => {
        const other = await twin();
        for (let i = 0; i < 50; i += 1) await save({ data: { i } });
        const claims = await Promise.all(
          Array.from({ length: 60 }, (_, i) => claim('send', 600 * SECOND, i % 2 ? repository : other)),
        );
        const ids = claims.filter(Boolean).map((claimed) => String(claimed!._id));
        expect(ids).toHaveLength(50);
        expect(new Set(ids).size).toBe(50);
      });

      it('locks a job only once, and only at the run time it was read with', async () => {
        const saved = await save({ nextRunAt: later(60 * SECOND) });
        expect(await repository.lockJob({ ...saved, nextRunAt: later(1) }, undefined)).toBeUndefined();
        const locked = await repository.lockJob(saved, undefined);
        expect(locked?.lockedAt).toBeInstanceOf(Date);
        expect(await repository.lockJob(saved, undefined)).toBeUndefined();
      });

      it('unlocks a waiting job but leaves a running one locked; unlockJobs releases both', async () => {
        const waiting = (await repository.lockJob(await save({ nextRunAt: later(60 * SECOND) }), undefined))!;
        await save();
        const running = (await claim())!;
        await repository.saveJobState({ ...running, nextRunAt: null }, undefined);
        await repository.unlockJob(waiting);
        await repository.unlockJob({ ...running, nextRunAt: null });
        expect((await byId(waiting))?.lockedAt).toBeUndefined();
        expect((await byId(running))?.lockedAt).toBeInstanceOf(Date);
        await repository.unlockJobs([running._id!, waiting._id!]);
        expect((await byId(running))?.lockedAt).toBeUndefined();
      });
    });

    savingTests(suite);
    managingTests(suite);
  });
}
