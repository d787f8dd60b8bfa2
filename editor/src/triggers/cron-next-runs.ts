import { instantOfWall, wallMs } from './zoned-time.ts';

/**
 * The next few times a cron expression fires in a time zone, for the schedule form's hint. It
 * reads the common five-field syntax (lists, ranges, steps, month and day names, `@daily`…); the
 * server's scheduler stays the judge: an expression read differently here is only a wrong hint.
 */

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const NAMES: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};

interface FieldSpec {
  min: number;
  max: number;
}
const FIELDS: FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 7 },
];

const valueOf = (token: string): number => NAMES[token.toLowerCase()] ?? Number(token);

/** The values one field allows, or null when it cannot be read. */
function parseField(source: string, { min, max }: FieldSpec): Set<number> | null {
  const values = new Set<number>();
  for (const item of source.split(',')) {
    const match = /^(\*|\?|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d+))?$/i.exec(item);
    if (!match) return null;
    const [, range = '', stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, to] =
      range === '*' || range === '?'
        ? [min, max]
        : range.includes('-')
          ? (range.split('-').map(valueOf) as [number, number])
          : [valueOf(range), stepText === undefined ? valueOf(range) : max];
    if (![from, to, step].every(Number.isInteger) || step < 1 || from < min || to > max || from > to)
      return null;
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Vixie cron: when both day fields are restricted, either one matching is enough. */
  eitherDay: boolean;
}

export function parseCron(expression: string): Cron | null {
  const trimmed = expression.trim();
  let fields = (MACROS[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length === 6) fields = fields.slice(1); // a leading seconds field: minute precision is enough here
  if (fields.length !== 5) return null;
  const sets = fields.map((field, index) => parseField(field, FIELDS[index]!));
  if (sets.some((set) => set === null)) return null;
  const [minutes, hours, days, months, weekdays] = sets as Set<number>[];
  if (weekdays!.has(7)) weekdays!.add(0);
  const restricted = (field: string) => field !== '*' && field !== '?';
  return {
    minutes: minutes!,
    hours: hours!,
    days: days!,
    months: months!,
    weekdays: weekdays!,
    eitherDay: restricted(fields[2]!) && restricted(fields[4]!),
  };
}

function dayMatches(cron: Cron, wall: Date): boolean {
  const day = cron.days.has(wall.getUTCDate());
  const weekday = cron.weekdays.has(wall.getUTCDay());
  return cron.eitherDay ? day || weekday : day && weekday;
}

/** Up to `count` instants after `from`; null when the expression cannot be read. */
export function nextRuns(options: {
  cron: string;
  zone: string;
  from: number;
  count: number;
}): number[] | null {
  const cron = parseCron(options.cron);
  if (!cron) return null;
  const runs: number[] = [];
  // Walk the zone's wall clock (read as UTC), skipping whole months, days and hours that cannot match.
  let wall = Math.floor(wallMs(options.from, options.zone) / 60_000) * 60_000 + 60_000;
  for (let steps = 0; steps < 20_000 && runs.length < options.count; steps += 1) {
    const at = new Date(wall);
    const [year, month, day, hour] = [
      at.getUTCFullYear(),
      at.getUTCMonth(),
      at.getUTCDate(),
      at.getUTCHours(),
    ];
    if (!cron.months.has(month + 1)) wall = Date.UTC(year, month + 1, 1);
    else if (!dayMatches(cron, at)) wall = Date.UTC(year, month, day + 1);
    else if (!cron.hours.has(hour)) wall = Date.UTC(year, month, day, hour + 1);
    else if (!cron.minutes.has(at.getUTCMinutes())) wall += 60_000;
    else {
      const instant = instantOfWall(wall, options.zone);
      if (instant > options.from) runs.push(instant);
      wall += 60_000;
    }
  }
  return runs;
}
