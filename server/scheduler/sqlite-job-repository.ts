import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import {
  computeJobState,
  type JobId,
  type JobParameters,
  type JobRepository,
  type JobRepositoryOptions,
  type JobsOverview,
  type JobsQueryOptions,
  type JobsResult,
  type JobWithState,
  type RemoveJobsOptions,
} from 'agenda';
import { prepareCached } from '../store/sqlite/prepare-cached.ts';
import { queryFilter, removeFilter, sortClause } from './job-filter.ts';
import { failReasonText, type JobRow, rowToJob, toMs } from './job-rows.ts';
import { createJobsTable } from './jobs-table.ts';
import { saveJobRow } from './save-job.ts';
import type { RunTimeSource } from './wake-up-channel.ts';

/** The locker of a locked row has not beaten since `:live` (or never did: a row of an older layout). */
const DEAD_LOCKER =
  "coalesce(last_modified_by, '') NOT IN (SELECT id FROM processes WHERE heartbeat_at > :live)";

/** `PRAGMA synchronous` reads 2 for FULL. */
const FULL = 2;

/** Thrown when a job's state is saved but its row is gone (cancelled, or replaced while a worker held it). */
export class JobGoneError extends Error {
  override readonly name = 'JobGoneError';
}

/**
 * Agenda's job storage on the embedded SQLite file, with the semantics of Agenda's Mongo
 * repository (see `saveJobRow` for saves). Claims pick the earliest `nextRunAt`, then the highest
 * priority, and lock it in one statement; a lock older than the lock lifetime counts as expired
 * (its worker died) and the job can be claimed again. Every method runs on the calling thread:
 * `node:sqlite` is synchronous, so the promises only honour the interface.
 *
 * @example
 * const repository = new SqliteJobRepository({ db });
 * await repository.connect(); // creates `agenda_jobs` and its indexes when missing
 */
export interface SqliteJobRepositoryOptions {
  db: DatabaseSync;
  tableName?: string;
  /**
   * When set, the lock of a job whose locker (`last_modified_by`, the Agenda name: the process
   * id) has no heartbeat in the app's `processes` table for `deadAfterMs` counts as expired at
   * once: a job a dead process held is run again within seconds, not after the lock lifetime.
   */
  ownerHeartbeats?: { deadAfterMs: number };
}

export class SqliteJobRepository implements JobRepository, RunTimeSource {
  private readonly db: DatabaseSync;
  private readonly table: string;
  private readonly deadAfterMs: number | null;

  constructor(options: SqliteJobRepositoryOptions) {
    this.db = options.db;
    this.table = options.tableName ?? 'agenda_jobs';
    this.deadAfterMs = options.ownerHeartbeats?.deadAfterMs ?? null;
    // The name is spliced into SQL text: accept identifiers only.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(this.table))
      throw new Error(`invalid jobs table name "${this.table}"`);
  }

  async connect(): Promise<void> {
    createJobsTable(this.db, this.table);
  }

  async getJobById(id: string): Promise<JobParameters | null> {
    const row = this.sql(`SELECT * FROM ${this.table} WHERE id = ?`).get(String(id)) as JobRow | undefined;
    return row ? rowToJob(row) : null;
  }

  async getDistinctJobNames(): Promise<string[]> {
    const rows = this.sql(`SELECT DISTINCT name FROM ${this.table} ORDER BY name`).all() as {
      name: string;
    }[];
    return rows.map((row) => row.name);
  }

  async getQueueSize(): Promise<number> {
    return this.count(`next_run_at < ?`, [Date.now()]);
  }

  async nextRunAfter(after: Date): Promise<{ name: string; nextRunAt: Date } | null> {
    const row = this.sql(
      `SELECT name, next_run_at FROM ${this.table} WHERE disabled = 0 AND next_run_at > ?
       ORDER BY next_run_at LIMIT 1`,
    ).get(after.getTime()) as { name: string; next_run_at: number } | undefined;
    return row ? { name: row.name, nextRunAt: new Date(row.next_run_at) } : null;
  }

  async queryJobs(options: JobsQueryOptions = {}): Promise<JobsResult> {
    const { where, params } = queryFilter(options);
    const select = `SELECT * FROM ${this.table} WHERE ${where} ORDER BY ${sortClause(options.sort)}`;
    const skip = options.skip ?? 0;
    const limit = options.limit && options.limit > 0 ? options.limit : -1;
    const now = new Date();
    const withState = (row: JobRow): JobWithState => {
      const job = rowToJob(row);
      return { ...job, _id: job._id as JobId, state: computeJobState(job, now) };
    };
    if (!options.state) {
      // No computed-state filter: count and paginate in SQL.
      const rows = this.sql(`${select} LIMIT ? OFFSET ?`).all(...params, limit, skip) as JobRow[];
      return { jobs: rows.map(withState), total: this.count(where, params) };
    }
    const state = options.state;
    const jobs = (this.sql(select).all(...params) as JobRow[])
      .map(withState)
      .filter((job) => (state === 'paused' ? job.disabled === true : job.state === state));
    return { jobs: jobs.slice(skip, limit > 0 ? skip + limit : undefined), total: jobs.length };
  }

  async getJobsOverview(): Promise<JobsOverview[]> {
    const now = new Date();
    const overview = new Map<string, JobsOverview>();
    const rows = this.sql(`SELECT * FROM ${this.table} ORDER BY name`).iterate() as Iterable<JobRow>;
    for (const row of rows) {
      const job = rowToJob(row);
      const entry = overview.get(job.name) ?? emptyOverview(job.name);
      overview.set(job.name, entry);
      entry.total += 1;
      entry[computeJobState(job, now)] += 1;
      if (job.disabled) entry.paused += 1;
    }
    return [...overview.values()];
  }

  async removeJobs(options: RemoveJobsOptions): Promise<number> {
    // Agenda removes every one-off job it ran this way: a removal lost on a power cut leaves a
    // job that runs once more (a cancelled schedule or launch finds its node inactive and stops).
    return this.unflushed(() => this.runFiltered(`DELETE FROM ${this.table} WHERE 1`, options));
  }

  async disableJobs(options: RemoveJobsOptions): Promise<number> {
    // Counts the jobs that changed, as Mongo's modifiedCount.
    return this.runFiltered(`UPDATE ${this.table} SET disabled = 1 WHERE disabled = 0`, options);
  }

  async enableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.runFiltered(`UPDATE ${this.table} SET disabled = 0 WHERE disabled = 1`, options);
  }

  async purgeAllJobs(): Promise<number> {
    return Number(this.sql(`DELETE FROM ${this.table}`).run().changes);
  }

  async saveJob<DATA = unknown>(
    job: JobParameters<DATA>,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters<DATA>> {
    const context = { db: this.db, table: this.table, modifiedBy: options?.lastModifiedBy ?? null };
    return saveJobRow(context, job as JobParameters) as JobParameters<DATA>;
  }

  async saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
    const { changes } = this.unflushed(() =>
      this.sql(
        `UPDATE ${this.table} SET locked_at = ?, next_run_at = ?, last_run_at = ?, progress = ?,
         fail_reason = ?, fail_count = ?, failed_at = ?, last_finished_at = ?, last_modified_by = ?
       WHERE id = ? AND name = ?`,
      ).run(
        toMs(job.lockedAt),
        toMs(job.nextRunAt),
        toMs(job.lastRunAt),
        job.progress ?? null,
        failReasonText(job.failReason),
        job.failCount ?? null,
        toMs(job.failedAt),
        toMs(job.lastFinishedAt),
        options?.lastModifiedBy ?? null,
        String(job._id),
        job.name,
      ),
    );
    if (Number(changes) !== 1) {
      throw new JobGoneError(
        `job ${job._id} (name: ${job.name}) cannot be updated in the database, maybe it does not exist anymore?`,
      );
    }
  }

  async lockJob(
    job: JobParameters,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    if (!job._id) return undefined;
    const row = this.unflushed(() =>
      this.sql(
        `UPDATE ${this.table} SET locked_at = ?, last_modified_by = ?
       WHERE id = ? AND name = ? AND locked_at IS NULL AND next_run_at IS ? AND disabled = 0
       RETURNING *`,
      ).get(Date.now(), options?.lastModifiedBy ?? null, String(job._id), job.name, toMs(job.nextRunAt)),
    ) as JobRow | undefined;
    return row ? rowToJob(row) : undefined;
  }

  async unlockJob(job: JobParameters): Promise<void> {
    // A job being run has no nextRunAt (one-off) and keeps its lock until it finishes (as Mongo).
    if (!job._id) return;
    this.unflushed(() =>
      this.sql(`UPDATE ${this.table} SET locked_at = NULL WHERE id = ? AND next_run_at IS NOT NULL`).run(
        String(job._id),
      ),
    );
  }

  async unlockJobs(jobIds: (JobId | string)[]): Promise<void> {
    if (jobIds.length === 0) return;
    this.unflushed(() =>
      this.sql(`UPDATE ${this.table} SET locked_at = NULL WHERE id IN (SELECT value FROM json_each(?))`).run(
        JSON.stringify(jobIds.map(String)),
      ),
    );
  }

  // eslint-disable-next-line max-params -- the signature is Agenda's JobRepository interface
  async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    // Select and lock in one statement, so no job is handed out twice: SQLite takes the write
    // lock before the subquery reads. Each arm walks its own index (free jobs by run time,
    // expired locks by lock time); the outer ORDER BY picks between the two candidates.
    const at = (now ?? new Date()).getTime();
    const row = this.unflushed(() =>
      this.sql(
        `UPDATE ${this.table} SET locked_at = :now, last_modified_by = :by
       WHERE id = (
         SELECT id FROM (
           SELECT * FROM (
             SELECT id, next_run_at, priority FROM ${this.table}
             WHERE name = :name AND locked_at IS NULL AND disabled = 0 AND next_run_at <= :scan
             ORDER BY next_run_at, priority DESC LIMIT 1)
           UNION ALL
           SELECT * FROM (
             SELECT id, next_run_at, priority FROM ${this.table}
             WHERE name = :name AND locked_at IS NOT NULL AND disabled = 0
               AND (locked_at <= :deadline OR ${this.deadAfterMs === null ? '0' : DEAD_LOCKER})
             ORDER BY next_run_at, priority DESC LIMIT 1))
         ORDER BY next_run_at, priority DESC LIMIT 1)
       RETURNING *`,
      ).get({
        now: at,
        by: options?.lastModifiedBy ?? null,
        name: jobName,
        scan: nextScanAt.getTime(),
        deadline: lockDeadline.getTime(),
        ...(this.deadAfterMs === null ? {} : { live: at - this.deadAfterMs }),
      }),
    ) as JobRow | undefined;
    return row ? rowToJob(row) : undefined;
  }

  private sql(text: string) {
    return prepareCached(this.db, text);
  }

  /**
   * Runs a write of a job's run bookkeeping (claims, locks, the state saved around a run)
   * without flushing it to disk when the file flushes every commit (synchronous=FULL): lost
   * on a power cut, it leaves a job unlocked or locked by a dead process, or not yet removed,
   * and the job runs again (at least once, never lost). Saving a job (what a caller was told is
   * scheduled) still flushes. Four flushed writes per run bounded the jobs run per second.
   */
  private unflushed<T>(write: () => T): T {
    const { synchronous } = this.sql('PRAGMA synchronous').get() as { synchronous: number };
    if (synchronous !== FULL) return write();
    this.db.exec('PRAGMA synchronous = NORMAL');
    try {
      return write();
    } finally {
      this.db.exec('PRAGMA synchronous = FULL');
    }
  }

  private count(where: string, params: SQLInputValue[]): number {
    return (
      this.sql(`SELECT count(*) AS n FROM ${this.table} WHERE ${where}`).get(...params) as { n: number }
    ).n;
  }

  private runFiltered(statement: string, options: RemoveJobsOptions): number {
    const filter = removeFilter(options);
    if (!filter) return 0;
    return Number(this.sql(`${statement} AND ${filter.where}`).run(...filter.params).changes);
  }
}

const emptyOverview = (name: string): JobsOverview => ({
  name,
  total: 0,
  running: 0,
  scheduled: 0,
  queued: 0,
  completed: 0,
  failed: 0,
  repeating: 0,
  paused: 0,
});
