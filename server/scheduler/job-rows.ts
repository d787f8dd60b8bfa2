import type { JobId, JobParameters } from 'agenda';

/** A row of the jobs table; dates are epoch milliseconds, data and the rest JSON. */
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
  unique_key: string | null;
  data: string;
  extra: string;
  last_modified_by: string | null;
};

const DATE_COLUMNS = {
  nextRunAt: 'next_run_at',
  lockedAt: 'locked_at',
  lastRunAt: 'last_run_at',
  lastFinishedAt: 'last_finished_at',
  failedAt: 'failed_at',
} as const;

/** Job fields kept in the `extra` JSON column: they are never queried. */
const EXTRA_FIELDS = [
  'repeatInterval',
  'repeatTimezone',
  'repeatAt',
  'startDate',
  'endDate',
  'skipDays',
  'debounceStartedAt',
  'fork',
] as const;

const toDate = (value: number | null): Date | undefined => (value === null ? undefined : new Date(value));
export const toMs = (value: Date | string | null | undefined): number | null =>
  value === null || value === undefined ? null : new Date(value).getTime();

export function rowToJob(row: JobRow): JobParameters {
  const extra = JSON.parse(row.extra) as Record<string, unknown>;
  const job: JobParameters = {
    _id: row.id as JobId,
    name: row.name,
    type: row.type as JobParameters['type'],
    priority: row.priority,
    nextRunAt: row.next_run_at === null ? null : new Date(row.next_run_at),
    data: JSON.parse(row.data),
    ...extra,
  };
  for (const [field, column] of Object.entries(DATE_COLUMNS)) {
    if (field === 'nextRunAt') continue;
    const value = toDate(row[column]);
    if (value) (job as unknown as Record<string, unknown>)[field] = value;
  }
  if (row.fail_count !== null) job.failCount = row.fail_count;
  if (row.fail_reason !== null) job.failReason = row.fail_reason;
  if (row.disabled) job.disabled = true;
  if (row.progress !== null) job.progress = row.progress;
  for (const key of ['startDate', 'endDate', 'debounceStartedAt'] as const) {
    if (typeof extra[key] === 'string')
      (job as unknown as Record<string, unknown>)[key] = new Date(extra[key]);
  }
  return job;
}

/** Column values for a job, in the order of `JOB_COLUMNS`. */
export function jobValues(job: JobParameters, uniqueKey: string | null, modifiedBy: string | null) {
  const extra: Record<string, unknown> = {};
  for (const field of EXTRA_FIELDS) {
    const value = (job as unknown as Record<string, unknown>)[field];
    if (value !== undefined && value !== null) extra[field] = value;
  }
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
    job.failReason ?? null,
    job.disabled ? 1 : 0,
    job.progress ?? null,
    uniqueKey,
    JSON.stringify(job.data ?? null),
    JSON.stringify(extra),
    modifiedBy,
  ];
}

export const JOB_COLUMNS = [
  'name',
  'type',
  'priority',
  'next_run_at',
  'locked_at',
  'last_run_at',
  'last_finished_at',
  'failed_at',
  'fail_count',
  'fail_reason',
  'disabled',
  'progress',
  'unique_key',
  'data',
  'extra',
  'last_modified_by',
] as const;

/** Agenda's unique query (e.g. `{ 'data.key': 'x' }`) as a stable string. */
export function uniqueKeyOf(unique: Record<string, unknown> | undefined): string | null {
  if (!unique) return null;
  const entries = Object.entries(unique).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}
