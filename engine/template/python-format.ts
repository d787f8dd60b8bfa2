import { lookupMember } from './member-access.ts';
import { isSafeString } from './nunjucks-internals.ts';
import { exponentDigits, fixedDigits, generalDigits } from './python-number.ts';
import { pythonRepr } from './python-repr.ts';
import { activeBudget } from './render-budget.ts';
import { TemplateError } from './template-error.ts';
import { textOf } from './text-size.ts';
import { isTuple } from './tuples.ts';

/**
 * Python's printf-style formatting, for `"Hi %s" % name` and the `format` filter:
 * `%[(name)][flags][width][.precision]type` with flags `-+ #0`, `*` widths and precisions, and
 * the types s r a d i u o x X e E f F g G c %. `%s` writes a value as `{{ value }}` would.
 */

/** One conversion of a format; `at` is its offset in the format text. */
export interface Conversion {
  at: number;
  key: string | undefined;
  flags: string;
  width: number | '*' | undefined;
  precision: number | '*' | undefined;
  type: string;
}

/** A parsed format: literal text and conversions, in order. */
export type FormatPart = string | Conversion;

const CONVERSION = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([diouxXeEfFgGcrsa%])?/y;

/** Above this many digits after the point a float is refused: Python prints them, nobody needs them. */
const MAX_FLOAT_PRECISION = 100;

const sizeOf = (text: string | undefined): number | '*' | undefined =>
  text === undefined ? undefined : text === '*' ? '*' : Number(text);

/** Splits a format into text and conversions; an unknown or unfinished conversion is an error. */
export function parseFormat(format: string): FormatPart[] {
  const parts: FormatPart[] = [];
  let position = 0;
  for (let at = format.indexOf('%'); at !== -1; at = format.indexOf('%', position)) {
    if (at > position) parts.push(format.slice(position, at));
    CONVERSION.lastIndex = at;
    const match = CONVERSION.exec(format)!;
    const [whole, key, flags = '', width, precision, type] = match;
    if (type === undefined) throw badConversion(format, at + whole.length);
    if (type === '%') parts.push('%');
    else parts.push({ at, key, flags, width: sizeOf(width), precision: sizeOf(precision), type });
    position = at + whole.length;
  }
  if (position < format.length) parts.push(format.slice(position));
  return parts;
}

function badConversion(format: string, at: number): TemplateError {
  if (at >= format.length) {
    return new TemplateError(
      'render',
      `the format ${JSON.stringify(format)} ends in the middle of a % conversion`,
    );
  }
  const character = format.charAt(at);
  return new TemplateError(
    'render',
    `unsupported format character ${JSON.stringify(character)} at index ${at} of ${JSON.stringify(format)} (write %% for a percent sign)`,
  );
}

/** How many positional values a format takes (`*` counts too), and whether it names any. */
export function formatArity(parts: readonly FormatPart[]): { positional: number; named: boolean } {
  let positional = 0;
  let named = false;
  for (const part of parts) {
    if (typeof part === 'string') continue;
    if (part.key !== undefined) named = true;
    else positional += 1 + (part.width === '*' ? 1 : 0) + (part.precision === '*' ? 1 : 0);
  }
  return { positional, named };
}

/** Where the values of a format come from: a list of positional values, or a dict by name. */
interface Values {
  list: readonly unknown[];
  next: number;
  mapping: object | undefined;
}

function nextValue(values: Values): unknown {
  if (values.next >= values.list.length)
    throw new TemplateError('render', 'not enough values for the % format');
  values.next += 1;
  return values.list[values.next - 1];
}

function starValue(values: Values, what: string): number {
  const value = nextValue(values);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TemplateError('render', `* needs a whole number for the ${what}`);
  }
  return value;
}

const isMapping = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isSafeString(value);

/**
 * `format % right` as Python computes it: a tuple gives the positional values, a dict the named
 * ones (`%(name)s`), any other value is the one value. The result and every padding are checked
 * against the output limit before they are built.
 */
export function pythonFormat(format: string, right: unknown): string {
  const budget = activeBudget();
  budget.tick(1 + (format.length >> 12));
  const values: Values = {
    list: isTuple(right) ? right : [right],
    next: 0,
    mapping: isMapping(right) ? right : undefined,
  };
  let result = '';
  for (const part of parseFormat(format)) {
    result += typeof part === 'string' ? part : convert(part, values);
    if (result.length > budget.limits.maxOutputBytes) budget.checkLength(result.length);
  }
  // Python tolerates unused values only when they came as one dict or list.
  if (values.next < values.list.length && (isTuple(right) || !(isMapping(right) || Array.isArray(right)))) {
    throw new TemplateError('render', 'the % format has fewer conversions than the values given');
  }
  return result;
}

function convert(conversion: Conversion, values: Values): string {
  const width = conversion.width === '*' ? starValue(values, 'width') : conversion.width;
  // A negative `*` precision counts as 0, as in Python.
  const precision =
    conversion.precision === '*' ? Math.max(0, starValue(values, 'precision')) : conversion.precision;
  const value = conversion.key === undefined ? nextValue(values) : namedValue(conversion.key, values);
  let flags = conversion.flags;
  if (width !== undefined && width < 0) flags += '-';
  const size = Math.abs(width ?? 0);
  // Widths and integer precisions pad: refuse them before padding, not after.
  if (precision !== undefined && precision > size)
    activeBudget().checkLength(precision, `a % precision of ${precision}`);
  else activeBudget().checkLength(size, `a % width of ${size}`);
  return pad(format(conversion.type, value, { flags, precision }), size, flags);
}

function namedValue(key: string, values: Values): unknown {
  if (values.mapping === undefined)
    throw new TemplateError('render', `%(${key}) needs a dict on the right of %`);
  return lookupMember(values.mapping, key);
}

interface Formatted {
  sign: string;
  prefix: string;
  body: string;
  numeric: boolean;
}

interface Options {
  flags: string;
  precision: number | undefined;
}

function format(type: string, value: unknown, options: Options): Formatted {
  const { precision } = options;
  switch (type) {
    case 's':
      return text(precision === undefined ? textOf(value) : textOf(value).slice(0, precision));
    case 'r':
    case 'a': {
      const repr = pythonRepr(value, type === 'a');
      return text(precision === undefined ? repr : repr.slice(0, precision));
    }
    case 'c':
      return text(character(value));
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
      return integer(type, value, options);
    default:
      return float(type, value, options);
  }
}

const text = (body: string): Formatted => ({ sign: '', prefix: '', body, numeric: false });

function character(value: unknown): string {
  if (typeof value === 'string' && [...value].length === 1) return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0x10ffff) {
    return String.fromCodePoint(value);
  }
  throw new TemplateError('render', `%c needs one character or a character code, not ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'a missing value';
  if (value === null) return 'none';
  if (typeof value === 'string' || isSafeString(value))
    return `the text ${JSON.stringify(textOf(value).slice(0, 40))}`;
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a dict' : `a ${typeof value}`;
}

function numberOf(type: string, value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new TemplateError('render', `%${type} needs a number, not ${describe(value)}`);
}

function signOf(negative: boolean, flags: string): string {
  if (negative) return '-';
  if (flags.includes('+')) return '+';
  return flags.includes(' ') ? ' ' : '';
}

const INTEGER_BASE: Readonly<Record<string, [number, string]>> = {
  o: [8, '0o'],
  x: [16, '0x'],
  X: [16, '0X'],
};

function integer(type: string, value: unknown, { flags, precision }: Options): Formatted {
  const number = numberOf(type, value);
  const [base, alternate] = INTEGER_BASE[type] ?? [10, ''];
  if (!Number.isFinite(number)) throw new TemplateError('render', `%${type} cannot write ${number}`);
  if (base !== 10 && !Number.isInteger(number)) {
    throw new TemplateError('render', `%${type} needs a whole number, not ${number}`);
  }
  let digits = BigInt(Math.trunc(Math.abs(number))).toString(base);
  if (type === 'X') digits = digits.toUpperCase();
  if (precision !== undefined) digits = digits.padStart(precision, '0');
  const prefix = flags.includes('#') ? alternate : '';
  return { sign: signOf(Math.trunc(number) < 0, flags), prefix, body: digits, numeric: true };
}

function float(type: string, value: unknown, { flags, precision }: Options): Formatted {
  const number = numberOf(type, value);
  const upper = type === type.toUpperCase();
  const sign = signOf(number < 0 || Object.is(number, -0), flags);
  if (!Number.isFinite(number)) {
    const body = Number.isNaN(number) ? 'nan' : 'inf';
    return { sign, prefix: '', body: upper ? body.toUpperCase() : body, numeric: false };
  }
  const digits = precision ?? 6;
  if (digits > MAX_FLOAT_PRECISION) {
    throw new TemplateError(
      'render',
      `%${type} allows at most ${MAX_FLOAT_PRECISION} digits after the point`,
    );
  }
  const alternate = flags.includes('#');
  const kind = type.toLowerCase();
  let body =
    kind === 'f'
      ? fixedDigits(number, digits, alternate)
      : kind === 'e'
        ? exponentDigits(number, digits, alternate)
        : generalDigits(number, digits, alternate);
  if (upper) body = body.toUpperCase();
  return { sign, prefix: '', body, numeric: true };
}

/** Python's padding: `-` pads on the right, `0` with zeros after the sign (numbers only), else spaces on the left. */
function pad({ sign, prefix, body, numeric }: Formatted, width: number, flags: string): string {
  const content = sign + prefix + body;
  if (content.length >= width) return content;
  if (flags.includes('-')) return content.padEnd(width, ' ');
  if (numeric && flags.includes('0'))
    return sign + prefix + body.padStart(width - sign.length - prefix.length, '0');
  return content.padStart(width, ' ');
}
