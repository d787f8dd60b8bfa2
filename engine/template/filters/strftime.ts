const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function dayOfYear(date: Date): number {
  return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

const hour12 = (date: Date): number => date.getUTCHours() % 12 || 12;

/** The strftime directives supported, all in UTC (Python's names; %f is microseconds). */
const DIRECTIVES: Readonly<Record<string, (date: Date) => string>> = {
  Y: (d) => String(d.getUTCFullYear()),
  y: (d) => pad(d.getUTCFullYear() % 100),
  m: (d) => pad(d.getUTCMonth() + 1),
  d: (d) => pad(d.getUTCDate()),
  e: (d) => String(d.getUTCDate()).padStart(2, ' '),
  H: (d) => pad(d.getUTCHours()),
  I: (d) => pad(hour12(d)),
  M: (d) => pad(d.getUTCMinutes()),
  S: (d) => pad(d.getUTCSeconds()),
  f: (d) => pad(d.getUTCMilliseconds() * 1000, 6),
  p: (d) => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
  j: (d) => pad(dayOfYear(d), 3),
  a: (d) => DAYS[d.getUTCDay()]!.slice(0, 3),
  A: (d) => DAYS[d.getUTCDay()]!,
  w: (d) => String(d.getUTCDay()),
  u: (d) => String(d.getUTCDay() || 7),
  b: (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3),
  h: (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3),
  B: (d) => MONTHS[d.getUTCMonth()]!,
  z: () => '+0000',
  Z: () => 'UTC',
  s: (d) => String(Math.floor(d.getTime() / 1000)),
  F: (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
  T: (d) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  '%': () => '%',
};

/** Formats `date` in UTC; unknown directives are left as written. */
export function strftime(date: Date, format: string): string {
  return format.replace(/%([A-Za-z%])/g, (whole, name: string) => DIRECTIVES[name]?.(date) ?? whole);
}
