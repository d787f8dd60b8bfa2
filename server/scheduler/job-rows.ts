import type { SQLInputValue } from 'node:sqlite';
import type { JobId, JobParameters } from 'agenda';

/** A row of the jobs table (see `createJobsTable`). */
export type JobRow = {
  id: string;
  name: string;
  type: string;
  priority: number;
  next_run_at: number | null;
  locked_at: number | null;
  last_run_at: number | null;
  last_finished_at: number | null;
  failed_at: number | null;
  fail_count: number | null;
  fail_reason: string | null;
  disabled: number;
  progress: number | null;
  data: string;
  repeat_interval: string | number | null;
  repeat_timezone: string | null;
  repeat_at: string | null;
  start_date: number | null;
  end_date: number | null;
  skip_days: string | null;
  debounce_started_at: number | null;
  fork: number;
  unique_key: string | null;
  last_modified_by: string | null;
};

export const toMs = (value: Date | string | number | null | undefined): number | null =>
  value === null || value === undefined ? null : new Date(value).getTime();

const toDate = (value: number | null): Date | undefined => (value === null ? undefined : new Date(value));

/** The job a row holds; absent optional fields stay absent, as Agenda's Mongo backend returns them. */
export function rowToJob(row: JobRow): JobParameters {
  const job: JobParameters = {
    _id: row.id as JobId,
    name: row.name,
    priority: row.priority,
    nextRunAt: row.next_run_at === null ? null : new Date(row.next_run_at),
    type: row.type as JobParameters['type'],
    data: JSON.parse(row.data),
  };
  const optional: Partial<JobParameters> = {
    lockedAt: toDate(row.locked_at),
    lastRunAt: toDate(row.last_run_at),
    lastFinishedAt: toDate(row.last_finished_at),
    failedAt: toDate(row.failed_at),
    failCount: row.fail_count ?? undefined,
    failReason: row.fail_reason ?? undefined,
    disabled: row.disabled ? true : undefined,
    progress: row.progress ?? undefined,
    repeatInterval: row.repeat_interval ?? undefined,
    repeatTimezone: row.repeat_timezone ?? undefined,
    repeatAt: row.repeat_at ?? undefined,
    startDate: toDate(row.start_date),
    endDate: toDate(row.end_date),
    skipDays: row.skip_days === null ? undefined : (JSON.parse(row.skip_days) as number[]),
    debounceStartedAt: toDate(row.debounce_started_at),
    fork: row.fork ? true : undefined,
    lastModifiedBy: row.last_modified_by ?? undefined,
  };
  for (const [field, value] of Object.entries(optional)) {
    if (value !== undefined) (job as unknown as Record<string, unknown>)[field] = value;
  }
  return job;
}

/** Column values for a job, in the order of `JOB_COLUMNS`. */
export function jobValues(
  job: JobParameters,
  uniqueKey: string | null,
  modifiedBy: string | null,
): SQLInputValue[] {
  return [
    job.name,
    job.type ?? 'normal',
    job.priority ?? 0,
    toMs(job.nextRunAt),
    toMs(job.lockedAt),
    toMs(job.lastRunAt),
    toMs(job.lastFinishedAt),
    toMs(job.failedAt),
    job.failCount ?? null,
    failReasonText(job.failReason),
    job.disabled ? 1 : 0,
    job.progress ?? null,
    JSON.stringify(job.data ?? null),
    job.repeatInterval ?? null,
    job.repeatTimezone ?? null,
    job.repeatAt ?? null,
    toMs(job.startDate),
    toMs(job.endDate),
    job.skipDays ? JSON.stringify(job.skipDays) : null,
    toMs(job.debounceStartedAt),
    job.fork ? 1 : 0,
    uniqueKey,
    modifiedBy,
  ];
}

/**
 * Agenda's unique query (e.g. `{ 'data.key': 'x' }`) as a stable string, stored with the job so
 * the (name, unique) lookup done on every save is one indexed read.
 */
export function uniqueKeyOf(unique: Record<string, unknown> | undefined): string | null {
  if (!unique) return null;
  const entries = Object.entries(unique).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/**
 * A fail reason as the column stores it. Agenda keeps whatever a handler rejected with (its
 * `fail()` takes the message of an Error only), so `throw { code: 'E_REMOTE' }` reaches the
 * repository as an object, which SQLite cannot bind: the job's final save failed, Agenda
 * ignored that, and the job stayed locked until its lock expired and ran again.
 */
export function failReasonText(reason: unknown): string | null {
  if (reason === null || reason === undefined) return null;
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error) return reason.message;
  try {
    return JSON.stringify(reason) ?? String(reason);
  } catch {
    // Circular or holding a BigInt.
    return String(reason);
  }
}
