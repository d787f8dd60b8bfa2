import { CronExpressionParser } from 'cron-parser';

/**
 * When a cron schedule fires next, computed as the scheduler computes it: Agenda reads the
 * expression with the same cron-parser (one copy in node_modules, a test checks it) and, each
 * time the job runs, takes the first instant after that run, nudged a second on when cron-parser
 * answers the run's own instant (Agenda's `computeFromInterval`). The schedule form's hint is this
 * function, so it says what will fire.
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
    last = firstAfter(options.cron, options.timezone, last);
    runs.push(last);
  }
  return runs;
}

function firstAfter(cron: string, tz: string, last: Date): Date {
  const next = CronExpressionParser.parse(cron, { currentDate: last, tz }).next().toDate();
  if (next.getTime() > last.getTime()) return next;
  return CronExpressionParser.parse(cron, { currentDate: new Date(last.getTime() + 1000), tz })
    .next()
    .toDate();
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
