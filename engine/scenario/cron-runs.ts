import { CronExpressionParser } from 'cron-parser';
import { wallInstant, zoneOffset } from './zone-offset.ts';

const DAY = 86_400_000;

/** cron-parser's message when it gives up (its constant is not exported). */
const LOOP_LIMIT_EXCEEDED = 'Invalid expression, loop limit exceeded';

/**
 * When a cron schedule fires next. The schedule form's hint and the scheduler (Agenda's next run
 * of a cron job, see `server/scheduler/cron-next-run-at.ts`) both ask this function, so the hint
 * says what will fire.
 */
export function nextCronRuns(options: {
  cron: string;
  timezone: string;
  /** The instant to count from (now, or the previous run). */
  after: Date;
  count: number;
}): Date[] {
  const runs: Date[] = [];
  let last = options.after;
  while (runs.length < options.count) {
    last = nextCronRun({ ...options, after: last });
    runs.push(last);
  }
  return runs;
}

/**
 * The first instant strictly after `after` at which the cron fires in `timezone`, as cron-parser
 * reads it in that zone (with Agenda's nudge: an answer equal to `after` is asked again a second
 * later). cron-parser gives up ("loop limit exceeded") on some schedules across a clock change,
 * e.g. `0 8 * * 0` in Australia/Lord_Howe from the week before clocks go back half an hour; then
 * the expression is matched against wall-clock times instead (see `nextWallClockRun`). Throws
 * cron-parser's error only when the expression does not parse or never matches.
 */
export function nextCronRun(options: { cron: string; timezone: string; after: Date }): Date {
  const { cron, timezone, after } = options;
  try {
    const next = CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
    if (next.getTime() > after.getTime()) return next;
    return CronExpressionParser.parse(cron, { currentDate: new Date(after.getTime() + 1000), tz: timezone })
      .next()
      .toDate();
  } catch (error) {
    if (!(error instanceof Error) || error.message !== LOOP_LIMIT_EXCEEDED) throw error;
    return nextWallClockRun(options);
  }
}

/**
 * The expression matched against wall-clock times (cron-parser in UTC, where clocks never
 * change), each read as an instant in the zone by `wallInstant`: the first one after `after`.
 * A time shown twice when clocks go back fires once; one skipped when they go forward fires as
 * far past the change as it was into the gap.
 */
function nextWallClockRun(options: { cron: string; timezone: string; after: Date }): Date {
  const { timezone } = options;
  const after = options.after.getTime();
  // Wall times skipped by a change just before `after` fall after it: start that far back.
  const skipped = Math.max(0, zoneOffset(timezone, after) - zoneOffset(timezone, after - DAY));
  const walls = CronExpressionParser.parse(options.cron, {
    currentDate: new Date(after + zoneOffset(timezone, after) - skipped - 1),
    tz: 'UTC',
  });
  let best = Number.POSITIVE_INFINITY;
  for (;;) {
    const wall = walls.next().getTime();
    // No later wall time can fall before this one's earliest reading: done once past the best.
    const earliest = wall - Math.max(zoneOffset(timezone, wall - DAY), zoneOffset(timezone, wall + DAY));
    if (earliest > best) return new Date(best);
    const instant = wallInstant(timezone, wall);
    if (instant > after && instant < best) best = instant;
  }
}

/**
 * A cron expression written out field by field: `@weekly` → `0 0 0 * * 0`; others as they are.
 * Agenda tries an interval as a human interval after cron and lets that win, and human-interval
 * reads `@weekly` as 7 days, `@monthly` as 30, `@hourly` as 60 minutes: given as they are, those
 * fired that long after the previous run instead of at the times cron-parser gives.
 */
export function cronFields(cron: string): string {
  const expression = cron.trim();
  return expression.startsWith('@') ? CronExpressionParser.parse(expression).stringify(true) : expression;
}
