import { randomUUID } from 'node:crypto';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import {
  computeJobState,
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
import { inTransaction } from '../store/sqlite/transaction.ts';
import { JOB_COLUMNS, type JobRow, jobValues, rowToJob, toMs, uniqueKeyOf } from './job-rows.ts';
import { createJobsTable } from './jobs-table.ts';
import { matchJobs } from './match-jobs.ts';

/**
 * Agenda's job storage on the embedded SQLite file, with the same semantics as Agenda's Mongo
 * repository: `single` jobs are one row per name, `unique` jobs one row per unique query,
 * claims pick the earliest `nextRunAt` (then highest priority) in one atomic statement, and a
 * lock older than the lock lifetime counts as expired (its worker died) and can be re-claimed.
 */
export class SqliteJobRepository implements JobRepository {
  private readonly db: DatabaseSync;
  private readonly table: string;

  constructor(options: { db: DatabaseSync; tableName?: string }) {
    this.db = options.db;
    this.table = options.tableName ?? 'agenda_jobs';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(this.table))
      throw new Error(`invalid jobs table name "${this.table}"`);
  }

  async connect(): Promise<void> {
    createJobsTable(this.db, this.table);
  }

  async getJobById(id: string): Promise<JobParameters | null> {
    const row = this.sql(`SELECT * FROM ${this.table} WHERE id = ?`).get(id) as JobRow | undefined;
    return row ? rowToJob(row) : null;
  }

  async getDistinctJobNames(): Promise<string[]> {
    const rows = this.sql(`SELECT DISTINCT name FROM ${this.table} ORDER BY name`).all() as {
      name: string;
    }[];
    return rows.map((row) => row.name);
  }

  async getQueueSize(): Promise<number> {
    const row = this.sql(`SELECT count(*) AS n FROM ${this.table} WHERE next_run_at < ?`).get(Date.now()) as {
      n: number;
    };
    return row.n;
  }

  async queryJobs(options: JobsQueryOptions = {}): Promise<JobsResult> {
    const now = new Date();
    const rows = this.sql(`SELECT * FROM ${this.table}`).all() as JobRow[];
    const jobs: JobWithState[] = matchJobs(rows.map(rowToJob), options).map((job) => ({
      ...job,
      _id: job._id!,
      state: computeJobState(job, now),
    }));
    const filtered = options.state ? jobs.filter((job) => job.state === options.state) : jobs;
    const sorted = sortJobs(filtered, options.sort);
    const skip = options.skip ?? 0;
    return {
      jobs: sorted.slice(skip, options.limit ? skip + options.limit : undefined),
      total: filtered.length,
    };
  }

  async getJobsOverview(): Promise<JobsOverview[]> {
    const { jobs } = await this.queryJobs({ includeDisabled: true });
    const overview = new Map<string, JobsOverview>();
    for (const job of jobs) {
      const entry = overview.get(job.name) ?? {
        name: job.name,
        total: 0,
        running: 0,
        scheduled: 0,
        queued: 0,
        completed: 0,
        failed: 0,
        repeating: 0,
        paused: 0,
      };
      entry.total += 1;
      entry[job.state] += 1;
      overview.set(job.name, entry);
    }
    return [...overview.values()];
  }

  async removeJobs(options: RemoveJobsOptions): Promise<number> {
    return this.updateMatching(options, `DELETE FROM ${this.table}`);
  }

  async disableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.updateMatching(options, `UPDATE ${this.table} SET disabled = 1`);
  }

  async enableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.updateMatching(options, `UPDATE ${this.table} SET disabled = 0`);
  }

  async purgeAllJobs(): Promise<number> {
    return Number(this.sql(`DELETE FROM ${this.table}`).run().changes);
  }

  async saveJob<DATA = unknown>(
    job: JobParameters<DATA>,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters<DATA>> {
    const by = options?.lastModifiedBy ?? null;
    const saved = inTransaction(this.db, () => {
      if (job._id) return this.update(job._id, job as JobParameters, by) ?? (job as JobParameters);
      if (job.type === 'single') return this.saveSingle(job as JobParameters, by);
      if (job.unique) return this.saveUnique(job as JobParameters, by);
      return this.insert(job as JobParameters, null, by);
    });
    return saved as JobParameters<DATA>;
  }

  async saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
    const { changes } = this.sql(
      `UPDATE ${this.table} SET locked_at = ?, next_run_at = ?, last_run_at = ?, progress = ?, fail_reason = ?,
         fail_count = ?, failed_at = ?, last_finished_at = ?, last_modified_by = ?
       WHERE id = ? AND name = ?`,
    ).run(
      toMs(job.lockedAt),
      toMs(job.nextRunAt),
      toMs(job.lastRunAt),
      job.progress ?? null,
      job.failReason ?? null,
      job.failCount ?? null,
      toMs(job.failedAt),
      toMs(job.lastFinishedAt),
      options?.lastModifiedBy ?? null,
      String(job._id),
      job.name,
    );
    if (Number(changes) !== 1) {
      throw new Error(
        `job ${job._id} (name: ${job.name}) cannot be updated in the database, maybe it does not exist anymore?`,
      );
    }
  }

  async lockJob(
    job: JobParameters,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    if (!job._id) return undefined;
    const row = this.sql(
      `UPDATE ${this.table} SET locked_at = ?, last_modified_by = ?
       WHERE id = ? AND name = ? AND locked_at IS NULL AND next_run_at IS ? AND disabled = 0 RETURNING *`,
    ).get(Date.now(), options?.lastModifiedBy ?? null, String(job._id), job.name, toMs(job.nextRunAt)) as
      JobRow | undefined;
    return row ? rowToJob(row) : undefined;
  }

  async unlockJob(job: JobParameters): Promise<void> {
    if (job._id) this.sql(`UPDATE ${this.table} SET locked_at = NULL WHERE id = ?`).run(String(job._id));
  }

  async unlockJobs(jobIds: string[]): Promise<void> {
    this.sql(`UPDATE ${this.table} SET locked_at = NULL WHERE id IN (SELECT value FROM json_each(?))`).run(
      JSON.stringify(jobIds.map(String)),
    );
  }

  /** Unlocks every job (start-up of the single process that owns the embedded store). */
  async releaseAllLocks(): Promise<number> {
    return Number(
      this.sql(`UPDATE ${this.table} SET locked_at = NULL WHERE locked_at IS NOT NULL`).run().changes,
    );
  }

  // The signature is Agenda's JobRepository interface, so it keeps Agenda's five parameters.
  // eslint-disable-next-line max-params
  async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    // Select and lock in one statement: SQLite runs one writer at a time, so no job is handed out twice.
    const row = this.sql(
      `UPDATE ${this.table} SET locked_at = ?, last_modified_by = ?
       WHERE id = (
         SELECT id FROM ${this.table}
         WHERE name = ? AND disabled = 0
           AND ((locked_at IS NULL AND next_run_at <= ?) OR locked_at <= ?)
         ORDER BY next_run_at, priority DESC LIMIT 1)
       RETURNING *`,
    ).get(
      (now ?? new Date()).getTime(),
      options?.lastModifiedBy ?? null,
      jobName,
      nextScanAt.getTime(),
      lockDeadline.getTime(),
    ) as JobRow | undefined;
    return row ? rowToJob(row) : undefined;
  }

  private sql(text: string) {
    return prepareCached(this.db, text);
  }

  private insert(job: JobParameters, uniqueKey: string | null, by: string | null): JobParameters {
    const columns = ['id', ...JOB_COLUMNS];
    const row = this.sql(
      `INSERT INTO ${this.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) RETURNING *`,
    ).get(randomUUID(), ...(jobValues(job, uniqueKey, by) as SQLInputValue[])) as JobRow;
    return rowToJob(row);
  }

  private update(id: string, job: JobParameters, by: string | null): JobParameters | null {
    const current = this.sql(`SELECT unique_key FROM ${this.table} WHERE id = ? AND name = ?`).get(
      id,
      job.name,
    ) as { unique_key: string | null } | undefined;
    if (!current) return null;
    const row = this.sql(
      `UPDATE ${this.table} SET ${JOB_COLUMNS.map((column) => `${column} = ?`).join(', ')} WHERE id = ? RETURNING *`,
    ).get(
      ...(jobValues(job, uniqueKeyOf(job.unique) ?? current.unique_key, by) as SQLInputValue[]),
      id,
    ) as JobRow;
    return rowToJob(row);
  }

  /** One row per name; a due `nextRunAt` already stored is kept (as Agenda's `$setOnInsert`). */
  private saveSingle(job: JobParameters, by: string | null): JobParameters {
    const existing = this.sql(`SELECT * FROM ${this.table} WHERE name = ? AND type = 'single'`).get(
      job.name,
    ) as JobRow | undefined;
    if (!existing) return this.insert(job, null, by);
    const protectedRun = job.nextRunAt && job.nextRunAt.getTime() <= Date.now();
    const nextRunAt = protectedRun ? rowToJob(existing).nextRunAt : job.nextRunAt;
    return this.update(existing.id, { ...job, nextRunAt }, by)!;
  }

  /** One row per unique query: insert-only keeps the first; debounce moves the run time. */
  private saveUnique(job: JobParameters, by: string | null): JobParameters {
    const key = uniqueKeyOf(job.unique);
    const row = this.sql(`SELECT * FROM ${this.table} WHERE name = ? AND unique_key = ?`).get(
      job.name,
      key,
    ) as JobRow | undefined;
    const debounce = job.uniqueOpts?.debounce;
    const now = Date.now();
    if (!row) {
      const nextRunAt =
        debounce && debounce.strategy !== 'leading' ? new Date(now + debounce.delay) : job.nextRunAt;
      const debounceStartedAt = debounce ? new Date(now) : undefined;
      return this.insert(
        { ...job, nextRunAt, ...(debounceStartedAt ? { debounceStartedAt } : {}) } as never,
        key,
        by,
      );
    }
    const existing = rowToJob(row);
    if (job.uniqueOpts?.insertOnly && !debounce) return existing;
    if (!debounce) return this.replace(row, job, by);
    const started = (existing as { debounceStartedAt?: Date }).debounceStartedAt?.getTime() ?? now;
    if (debounce.strategy === 'leading') {
      return this.update(
        row.id,
        { ...job, nextRunAt: existing.nextRunAt, debounceStartedAt: new Date(started) } as never,
        by,
      )!;
    }
    const overdue = debounce.maxWait !== undefined && now - started >= debounce.maxWait;
    const nextRunAt = new Date(overdue ? now : now + debounce.delay);
    const debounceStartedAt = overdue ? undefined : new Date(started);
    return this.update(row.id, { ...job, nextRunAt, debounceStartedAt } as never, by)!;
  }

  /**
   * A locked job may already sit on a timer in some process with its old time and data. Saving
   * the replacement under a new id makes that stale copy fail its first state save (the row is
   * gone) instead of running with outdated data; the new row is claimed afresh.
   */
  private replace(row: JobRow, job: JobParameters, by: string | null): JobParameters {
    if (row.locked_at === null) return this.update(row.id, job, by)!;
    this.sql(`DELETE FROM ${this.table} WHERE id = ?`).run(row.id);
    return this.insert({ ...job, lockedAt: undefined } as JobParameters, row.unique_key, by);
  }

  private updateMatching(options: RemoveJobsOptions, statement: string): number {
    const rows = this.sql(`SELECT * FROM ${this.table}`).all() as JobRow[];
    const ids = matchJobs(rows.map(rowToJob), { ...options, includeDisabled: true }).map((job) =>
      String(job._id),
    );
    if (ids.length === 0) return 0;
    return Number(
      this.db.prepare(`${statement} WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids))
        .changes,
    );
  }
}

function sortJobs(jobs: JobWithState[], sort: JobsQueryOptions['sort']): JobWithState[] {
  const keys = Object.entries(sort ?? { nextRunAt: -1 }) as [keyof JobWithState, 1 | -1 | 'asc' | 'desc'][];
  const value = (job: JobWithState, key: keyof JobWithState) => {
    const raw = job[key];
    return raw instanceof Date ? raw.getTime() : typeof raw === 'object' ? JSON.stringify(raw) : raw;
  };
  return [...jobs].sort((a, b) => {
    for (const [key, direction] of keys) {
      const sign = direction === -1 || direction === 'desc' ? -1 : 1;
      const [left, right] = [value(a, key), value(b, key)];
      if (left === right) continue;
      if (left === undefined || left === null) return 1;
      if (right === undefined || right === null) return -1;
      return (left < right ? -1 : 1) * sign;
    }
    return 0;
  });
}
