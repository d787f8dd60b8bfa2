import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { JobParameters } from 'agenda';
import { prepareCached } from '../store/sqlite/prepare-cached.ts';
import { inTransaction } from '../store/sqlite/transaction.ts';
import { JOB_COLUMNS } from './jobs-table.ts';
import { type JobRow, jobValues, rowToJob, uniqueKeyOf } from './job-rows.ts';

/** Where and by whom a job is saved. */
export interface SaveContext {
  db: DatabaseSync;
  table: string;
  modifiedBy: string | null;
}

/**
 * `JobRepository.saveJob` with the semantics of Agenda's Mongo backend: a job with an id is
 * updated (or returned unchanged when its row is gone); a `single` job is one row per name whose
 * stored nextRunAt is kept when the new one is already due; a `unique` job is one row per unique
 * query, `insertOnly` keeps the first, `debounce` moves the run time; anything else is inserted.
 *
 * A unique job saved again is updated in place and keeps its id, as in Agenda's own backends,
 * except while a worker holds it locked (Agenda locks jobs ahead of their time, and keeps the
 * lock while running them). Then the new version is written under a new id: the worker can
 * neither run the old version at the old time nor, when it finishes, overwrite the new
 * schedule with its own state and remove it (Agenda removes a finished one-off job by id).
 * With the id kept, a handler that schedules its own key again (the wake timer re-arming
 * itself) would lose that schedule. This is what makes "schedule the same key again" a safe
 * replacement.
 */
export function saveJobRow(context: SaveContext, job: JobParameters): JobParameters {
  if (job._id) return updateById(context, job) ?? job;
  if (job.type === 'single') return inTransaction(context.db, () => saveSingle(context, job));
  if (job.unique) return inTransaction(context.db, () => saveUnique(context, job));
  return insert(context, job, null);
}

function insert(context: SaveContext, job: JobParameters, uniqueKey: string | null): JobParameters {
  const columns = ['id', ...JOB_COLUMNS];
  const row = prepareCached(
    context.db,
    `INSERT INTO ${context.table} (${columns.join(', ')})
     VALUES (${columns.map(() => '?').join(', ')}) RETURNING *`,
  ).get(randomUUID(), ...jobValues(job, uniqueKey, context.modifiedBy)) as JobRow;
  return rowToJob(row);
}

/** Rewrites row `target.id` (if it still has the job's name) with the job's fields. */
function update(context: SaveContext, target: { id: string; uniqueKey: string | null }, job: JobParameters) {
  const row = prepareCached(
    context.db,
    `UPDATE ${context.table} SET ${JOB_COLUMNS.map((column) => `${column} = ?`).join(', ')}
     WHERE id = ? AND name = ? RETURNING *`,
  ).get(...jobValues(job, target.uniqueKey, context.modifiedBy), target.id, job.name) as JobRow | undefined;
  return row ? rowToJob(row) : null;
}

function updateById(context: SaveContext, job: JobParameters): JobParameters | null {
  const current = prepareCached(context.db, `SELECT unique_key FROM ${context.table} WHERE id = ?`).get(
    String(job._id),
  ) as { unique_key: string | null } | undefined;
  if (!current) return null;
  return update(
    context,
    { id: String(job._id), uniqueKey: uniqueKeyOf(job.unique) ?? current.unique_key },
    job,
  );
}

function saveSingle(context: SaveContext, job: JobParameters): JobParameters {
  const existing = prepareCached(
    context.db,
    `SELECT id, next_run_at FROM ${context.table} WHERE name = ? AND type = 'single'`,
  ).get(job.name) as { id: string; next_run_at: number | null } | undefined;
  if (!existing) return insert(context, job, null);
  // Mongo writes a due nextRunAt only on insert ($setOnInsert): re-defining a recurring job at
  // start must not push back a run that is already waiting.
  const due = job.nextRunAt !== null && job.nextRunAt.getTime() <= Date.now();
  const nextRunAt = due ? toDate(existing.next_run_at) : job.nextRunAt;
  return update(context, { id: existing.id, uniqueKey: null }, { ...job, nextRunAt })!;
}

function saveUnique(context: SaveContext, job: JobParameters): JobParameters {
  const key = uniqueKeyOf(job.unique);
  const existing = prepareCached(
    context.db,
    `SELECT * FROM ${context.table} WHERE name = ? AND unique_key = ?`,
  ).get(job.name, key) as JobRow | undefined;
  const debounce = job.uniqueOpts?.debounce;
  const now = Date.now();
  if (!existing) {
    if (!debounce) return insert(context, job, key);
    const nextRunAt = debounce.strategy === 'leading' ? job.nextRunAt : new Date(now + debounce.delay);
    return insert(context, { ...job, nextRunAt, debounceStartedAt: new Date(now) }, key);
  }
  if (job.uniqueOpts?.insertOnly && !debounce) return rowToJob(existing);
  let replacement = job;
  if (debounce) {
    const started = existing.debounce_started_at ?? now;
    if (debounce.strategy === 'leading') {
      replacement = { ...job, nextRunAt: toDate(existing.next_run_at), debounceStartedAt: new Date(started) };
    } else if (debounce.maxWait && now - started >= debounce.maxWait) {
      // Waited long enough: run now and start a new window with the next save.
      replacement = { ...job, nextRunAt: new Date(now), debounceStartedAt: undefined };
    } else {
      replacement = {
        ...job,
        nextRunAt: new Date(now + debounce.delay),
        debounceStartedAt: new Date(started),
      };
    }
  }
  if (existing.locked_at === null) return update(context, { id: existing.id, uniqueKey: key }, replacement)!;
  prepareCached(context.db, `DELETE FROM ${context.table} WHERE id = ?`).run(existing.id);
  return insert(context, replacement, key);
}

const toDate = (value: number | null): Date | null => (value === null ? null : new Date(value));
