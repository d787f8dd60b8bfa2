/**
 * Write contention on the embedded store: 1, 2 and 3 processes committing small transactions to
 * one SQLite file at once (synchronous=FULL, the default), for 5 s each. Reports commits/s over
 * all processes, each commit's latency (p50/p99/max, lock waits and retries included) and the
 * longest the event loop of any process stood still (the busy handler blocks up to 50 ms).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { makeDataDir, removeDataDir } from '../integration/helpers/test-server.ts';
import { percentile, round } from './stats.ts';

const SECONDS = 5;
const WORKER = fileURLToPath(new URL('./contention-worker.ts', import.meta.url));

interface WorkerReport {
  latencies: number[];
  loopMaxMs: number;
  loopP99Ms: number;
}

const next = <T>(child: ChildProcess) => new Promise<T>((resolve) => child.once('message', resolve));

async function measure(processes: number): Promise<Record<string, number>> {
  const dir = makeDataDir();
  const file = join(dir, 'hookflow.db');
  await new SqliteStore(file).close(); // migrated once, before the clock starts
  const children = Array.from({ length: processes }, (_, n) =>
    fork(WORKER, [file, String(SECONDS), `p${n}`], {
      execArgv: ['--disable-warning=ExperimentalWarning', '--experimental-strip-types'],
    }),
  );
  await Promise.all(children.map((child) => next(child)));
  const reports = children.map((child) => next<WorkerReport>(child));
  for (const child of children) child.send('go');
  const done = await Promise.all(reports);
  removeDataDir(dir);
  const latencies = done.flatMap((report) => report.latencies);
  return {
    processes,
    commitsPerSecond: round(latencies.length / SECONDS),
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    maxMs: round(Math.max(...latencies), 1),
    loopP99Ms: round(Math.max(...done.map((report) => report.loopP99Ms)), 1),
    loopMaxMs: round(Math.max(...done.map((report) => report.loopMaxMs)), 1),
  };
}

export async function benchWriteContention(): Promise<Record<string, unknown>> {
  const figures: Record<string, unknown> = {};
  for (const processes of [1, 2, 3]) figures[`processes${processes}`] = await measure(processes);
  return figures;
}
