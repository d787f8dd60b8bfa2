import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteJobRepository } from '../../server/scheduler/sqlite-job-repository.ts';
import { jobRepositorySuite } from './job-repository.suite.ts';

const dirs: string[] = [];
const open: DatabaseSync[] = [];

/** A connection as the app opens it: WAL, waiting for the write lock instead of failing. */
function connect(file: string): DatabaseSync {
  const db = new DatabaseSync(file, { timeout: 10_000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
  open.push(db);
  return db;
}

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookflow-jobs-'));
  dirs.push(dir);
  return join(dir, 'jobs.db');
}

async function cleanup(): Promise<void> {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

jobRepositorySuite({
  name: 'SQLite',
  async create() {
    const file = tempFile();
    return {
      repository: new SqliteJobRepository({ db: connect(file) }),
      async twin() {
        const repository = new SqliteJobRepository({ db: connect(file) });
        await repository.connect();
        return repository;
      },
    };
  },
  cleanup,
});

describe('the SQLite job repository', () => {
  afterEach(cleanup);

  const job = (nextRunAt: Date | null, name = 'send') => ({
    name,
    priority: 0,
    nextRunAt,
    type: 'normal' as const,
    data: {},
  });

  it('never hands the same job to threads claiming from their own connections at once', async () => {
    const file = tempFile();
    const repository = new SqliteJobRepository({ db: connect(file) });
    await repository.connect();
    for (let i = 0; i < 400; i += 1) await repository.saveJob(job(new Date(Date.now() - 1000)), undefined);
    const go = new SharedArrayBuffer(4);
    const workers = Array.from(
      { length: 4 },
      () =>
        new Worker(new URL('./job-repository.claim-worker.ts', import.meta.url), {
          workerData: { file, go },
        }),
    );
    const message = (worker: Worker) =>
      new Promise<unknown>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    await Promise.all(workers.map(message));
    const results = workers.map(message);
    Atomics.store(new Int32Array(go), 0, 1);
    Atomics.notify(new Int32Array(go), 0);
    const claims = (await Promise.all(results)) as string[][];
    const ids = claims.flat();
    expect(ids).toHaveLength(400);
    expect(new Set(ids).size).toBe(400);
    // Every thread got a share: the claims did overlap.
    expect(claims.filter((share) => share.length > 0).length).toBeGreaterThan(1);
  });

  it('tells the wake-up timer the earliest run time after a given time, locked or not', async () => {
    const repository = new SqliteJobRepository({ db: connect(tempFile()) });
    await repository.connect();
    const base = Date.now();
    await repository.saveJob(job(new Date(base + 5000), 'late'), undefined);
    await repository.saveJob(job(new Date(base + 3000), 'locked'), undefined);
    await repository.saveJob({ ...job(new Date(base + 1000), 'off'), disabled: true }, undefined);
    await repository.saveJob(job(null, 'done'), undefined);
    await repository.getNextJobToRun('locked', new Date(base + 10_000), new Date(0), undefined, undefined);
    expect(await repository.nextRunAfter(new Date(base))).toEqual({
      name: 'locked',
      nextRunAt: new Date(base + 3000),
    });
    expect((await repository.nextRunAfter(new Date(base + 3000)))?.name).toBe('late');
    expect(await repository.nextRunAfter(new Date(base + 5000))).toBeNull();
  });

  it('refuses a table name that is not an identifier', () => {
    expect(() => new SqliteJobRepository({ db: connect(':memory:'), tableName: 'jobs; DROP' })).toThrow(
      /invalid jobs table name/,
    );
  });

  it('says so at connect when an existing table has another layout', async () => {
    const db = connect(':memory:');
    db.exec('CREATE TABLE agenda_jobs (id TEXT PRIMARY KEY, name TEXT)');
    await expect(new SqliteJobRepository({ db }).connect()).rejects.toThrow(/unexpected layout/);
  });
});
