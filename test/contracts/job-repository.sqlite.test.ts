import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteJobRepository } from '../../server/scheduler/sqlite-job-repository.ts';
import { openDatabase } from '../../server/store/sqlite/open-database.ts';
import { SqliteProcessStore } from '../../server/store/sqlite/sqlite-process-store.ts';
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

  it('claims at once a job locked by a process that stopped beating, never one of a live process', async () => {
    const db = openDatabase(tempFile());
    open.push(db);
    const repository = new SqliteJobRepository({ db, ownerHeartbeats: { deadAfterMs: 5000 } });
    await repository.connect();
    const now = Date.now();
    const processes = new SqliteProcessStore(db);
    const beat = (id: string, at: number) =>
      processes.beat({ id, host: 'h', pid: 1, startedAt: '', heartbeatAt: at });
    await beat('proc_dead', now - 6000);
    await beat('proc_live', now - 1000);
    await repository.saveJob(job(new Date(now - 100), 'dead'), undefined);
    await repository.saveJob(job(new Date(now - 100), 'live'), undefined);
    const lockedBy = (name: string, by: string) =>
      repository.getNextJobToRun(name, new Date(now), new Date(0), new Date(now - 2000), {
        lastModifiedBy: by,
      });
    expect(await lockedBy('dead', 'proc_dead')).toBeDefined();
    expect(await lockedBy('live', 'proc_live')).toBeDefined();
    // Both locks are 2 s old, far within a lock lifetime of 10 min.
    const deadline = new Date(now - 600_000);
    const claim = (name: string) =>
      repository.getNextJobToRun(name, new Date(now), deadline, undefined, { lastModifiedBy: 'proc_me' });
    expect(await claim('dead')).toMatchObject({ name: 'dead', lastModifiedBy: 'proc_me' });
    expect(await claim('live')).toBeUndefined();
    // Without heartbeats (a repository used on its own), only the lock lifetime counts.
    const plain = new SqliteJobRepository({ db });
    await repository.saveJob(job(new Date(now - 100), 'plain'), undefined);
    await lockedBy('plain', 'proc_dead');
    expect(
      await plain.getNextJobToRun('plain', new Date(now), deadline, undefined, undefined),
    ).toBeUndefined();
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
