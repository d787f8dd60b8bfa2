import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

/**
 * A cron expression as the scheduler (Agenda, through cron-parser) reads it: 5 fields (minute
 * hour day-of-month month day-of-week), 6 with seconds first, or a predefined name such as
 * `@daily`. cron-parser alone would also take 1 to 4 fields, which reads as a typo, so the
 * count is checked here. Example: `0 9 * * 1-5` (9:00 on weekdays).
 */
export const CronExpressionSchema = z
  .string()
  .trim()
  .min(1, 'a cron expression is required')
  .max(200)
  .superRefine((value, context) => {
    const problem = cronProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/**
 * Why an expression is not a cron expression the scheduler can run, or null: the message of the
 * 400 at save and activation, and of the schedule form's hint, word for word.
 */
export function cronProblem(expression: string): string | null {
  const fields = expression.split(/\s+/).length;
  if (!expression.startsWith('@') && fields !== 5 && fields !== 6) {
    return `"${expression}" has ${fields} field${fields === 1 ? '' : 's'}: a cron expression has 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)`;
  }
  try {
    CronExpressionParser.parse(expression);
    return null;
  } catch (error) {
    return `"${expression}" is not a valid cron expression: ${(error as Error).message}`;
  }
}

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** An IANA time zone name (`Europe/Paris`, `America/New_York`, `UTC`) known to this runtime. */
export const TimeZoneSchema = z
  .string()
  .trim()
  .min(1, 'a time zone is required')
  .max(100)
  .refine(isTimeZone, { message: 'timezone must be an IANA time zone such as Europe/Paris or UTC' });

function isTimeZone(name: string): boolean {
  if (!ZONE_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** When a scheduled trigger fires: once at a date and time, or on a cron rhythm in a time zone. */
export const ScheduleSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('once'),
    at: z.iso.datetime({ offset: true, message: 'at must be an ISO 8601 date and time' }),
  }),
  z.object({
    mode: z.literal('cron'),
    cron: CronExpressionSchema,
    timezone: TimeZoneSchema.default('UTC'),
  }),
]);
export type Schedule = z.infer<typeof ScheduleSchema>;
