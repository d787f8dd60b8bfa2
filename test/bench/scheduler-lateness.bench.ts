/**
 * How late Agenda on the embedded store fires jobs: 1,000 jobs spread over 5 s, and 10,000 jobs
 * due at the same instant. Lateness is the time from a job's `at` to its handler starting.
 * With two processes on one file, one process saves jobs over 5 s, each due 1 s after its save
 * (100, then 1,000): run by the other process only (it learns of them from the store), or by
 * both (Agenda's locks decide; every job must run once).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteScheduler } from '../../server/scheduler/scheduler.ts';
import { openDatabase } from '../../server/store/sqlite/open-database.ts';
import { makeDataDir, removeDataDir } from '../integration/helpers/test-server.ts';
import { percentile } from './stats.ts';

async function measure(options: { jobs: number; spreadMs: number }): Promise<Record<string, number>> {
  const dir = makeDataDir();
  const db = openDatabase(join(dir, 'jobs.db'));
  const due = new Map<string, number>();
  const lateness: number[] = [];
  const scheduler = createSqliteScheduler({ db, logger: { error: () => {}, warn: () => {} } });
  scheduler.define<{ key: string }>(
    'tick',
    async ({ key }) => void lateness.push(Date.now() - due.get(key)!),
  );
  await scheduler.start();
  const start = Date.now() + 1000;
  const scheduling = Date.now();
  for (let i = 0; i < options.jobs; i += 1) {
    const at = start + Math.floor((i / options.jobs) * options.spreadMs);
    due.set(`j${i}`, at);
    await scheduler.scheduleAt({ name: 'tick', key: `j${i}`, at: new Date(at), data: { key: `j${i}` } });
  }
  const schedulingMs = Date.now() - scheduling;
  const deadline = Date.now() + 120_000;
  while (lateness.length < options.jobs && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await scheduler.stop();
  db.close();
  removeDataDir(dir);
  return {
    jobs: options.jobs,
    fired: lateness.length,
    schedulingMs,
    earliestMs: Math.min(...lateness),
    p50Ms: percentile(lateness, 50),
    p99Ms: percentile(lateness, 99),
    maxMs: Math.max(...lateness),
  };
}

const WORKER = fileURLToPath(new URL('./scheduler-worker.ts', import.meta.url));

function ask<T>(child: ChildProcess, command: unknown): Promise<T> {
  const answer = new Promise<T>((resolve) => child.once('message', resolve));
  child.send(command as object);
  return answer;
}

/** Two processes on one file; the first saves the jobs, `bothRun` says whether it runs them too. */
async function measureTwoProcesses(options: {
  bothRun: boolean;
  jobs: number;
}): Promise<Record<string, number>> {
  const dir = makeDataDir();
  const file = join(dir, 'hookflow.db');
  const children = [0, 1].map(() =>
    fork(WORKER, [file], {
      execArgv: ['--disable-warning=ExperimentalWarning', '--experimental-strip-types'],
    }),
  );
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve))));
  const [saver, runner] = children as [ChildProcess, ChildProcess];
  await ask(runner, { type: 'run' });
  if (options.bothRun) await ask(saver, { type: 'run' });
  await ask(saver, { type: 'save', jobs: options.jobs, spreadMs: 5000, leadMs: 1000 });
  const counts = () => Promise.all(children.map((child) => ask<{ fired: number }>(child, { type: 'count' })));
  const deadline = Date.now() + 60_000;
  while (
    (await counts()).reduce((sum, count) => sum + count.fired, 0) < options.jobs &&
    Date.now() < deadline
  )
    await new Promise((resolve) => setTimeout(resolve, 200));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  type Report = { fired: { key: string; at: number }[]; due: { key: string; at: number }[] };
  const reports = await Promise.all(children.map((child) => ask<Report>(child, { type: 'stop' })));
  removeDataDir(dir);
  const dueAt = new Map(reports[0]!.due.map((job) => [job.key, job.at]));
  const fired = reports.flatMap((report) => report.fired);
  const lateness = fired.map((job) => job.at - dueAt.get(job.key)!);
  return {
    jobs: options.jobs,
    fired: fired.length,
    distinct: new Set(fired.map((job) => job.key)).size,
    firedBySaver: reports[0]!.fired.length,
    p50Ms: percentile(lateness, 50),
    p99Ms: percentile(lateness, 99),
    maxMs: Math.max(...lateness),
  };
}

export async function benchSchedulerLateness(): Promise<Record<string, unknown>> {
  return {
    spreadOver5s: await measure({ jobs: 1000, spreadMs: 5000 }),
    sameInstant: await measure({ jobs: 10_000, spreadMs: 0 }),
    twoProcessesSavedByOneRunByTheOther: await measureTwoProcesses({ bothRun: false, jobs: 100 }),
    twoProcessesBothRunning: await measureTwoProcesses({ bothRun: true, jobs: 100 }),
    twoProcessesBothRunning1000: await measureTwoProcesses({ bothRun: true, jobs: 1000 }),
  };
}
