/**
 * How late Agenda on the embedded store fires jobs: 1,000 jobs spread over 5 s, and 10,000 jobs
 * due at the same instant. Lateness is the time from a job's `at` to its handler starting.
 */
import { join } from 'node:path';
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

export async function benchSchedulerLateness(): Promise<Record<string, unknown>> {
  return {
    spreadOver5s: await measure({ jobs: 1000, spreadMs: 5000 }),
    sameInstant: await measure({ jobs: 10_000, spreadMs: 0 }),
  };
}
