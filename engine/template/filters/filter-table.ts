import { stockFilter, type FilterFunction } from '../nunjucks-internals.ts';
import { activeBudget } from '../render-budget.ts';
import { TemplateError } from '../template-error.ts';
import { checkedValue, textOf } from '../text-size.ts';
import {
  attr,
  groupby,
  map,
  max,
  min,
  rejectattr,
  selectattr,
  sort,
  sum,
  unique,
} from './attribute-filters.ts';
import { datetimeformat } from './date-filters.ts';
import { b64decode, b64encode, md5, sha256 } from './encoding-filters.ts';
import { fromJson, jsonEscape, tojson } from './json-filters.ts';
import { batch, join, slice } from './list-filters.ts';
import { center, format, indent, replace, string, wordwrap } from './text-filters.ts';

/**
 * Nunjucks' built-in filters kept as they are: none of them reads attributes, calls back into
 * the template or grows its input by more than a small factor (the result is size-checked).
 * Left out: `striptags` (its tag regular expression takes quadratic time on crafted input) and
 * `urlize` (HTML links, meaningless in JSON/XML/text payloads). Replaced by this module's own
 * versions: the attribute filters, `join`, `batch`, `slice`, `sum`, `center`, `indent`,
 * `replace`, `string` and `dump`.
 */
const STOCK = [
  'abs',
  'capitalize',
  'default',
  'd',
  'dictsort',
  'escape',
  'e',
  'first',
  'forceescape',
  'float',
  'int',
  'last',
  'length',
  'list',
  'lower',
  'nl2br',
  'random',
  'reverse',
  'round',
  'safe',
  'select',
  'reject',
  'title',
  'trim',
  'truncate',
  'upper',
  'urlencode',
  'wordcount',
] as const;

/** Stock filters that expect text: numbers and booleans are printed first, as Jinja does. */
const TEXT_INPUT = new Set<string>([
  'capitalize',
  'lower',
  'nl2br',
  'title',
  'trim',
  'truncate',
  'upper',
  'wordcount',
]);

const OWN: Readonly<Record<string, FilterFunction>> = {
  attr,
  b64decode,
  b64encode,
  batch,
  center,
  date: datetimeformat,
  datetimeformat,
  dump: tojson,
  format,
  from_json: fromJson,
  groupby,
  indent,
  join,
  json_escape: jsonEscape,
  map: map as FilterFunction,
  max,
  md5,
  min,
  rejectattr: rejectattr as FilterFunction,
  replace,
  selectattr: selectattr as FilterFunction,
  sha256,
  slice,
  sort,
  string,
  sum,
  to_json: tojson,
  tojson,
  unique,
  wordwrap,
};

/** How much work a filter's input stands for: long lists and texts count more. */
function workOf(input: unknown): number {
  if (Array.isArray(input)) return 1 + (input.length >> 8);
  return typeof input === 'string' ? 1 + (input.length >> 12) : 1;
}

const printable = (value: unknown): unknown =>
  typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null
    ? textOf(value)
    : value;

/** Every filter charges the budget, has its result size-checked and fails as a TemplateError. */
function guard(name: string, filter: FilterFunction): FilterFunction {
  const textInput = TEXT_INPUT.has(name);
  return function guarded(this: unknown, ...args: unknown[]): unknown {
    activeBudget().tick(workOf(args[0]));
    if (textInput) args[0] = printable(args[0]);
    try {
      return checkedValue(filter.apply(this, args));
    } catch (error) {
      if (error instanceof TemplateError || error instanceof RangeError) throw error;
      throw new TemplateError('render', `the ${name} filter failed: ${(error as Error).message}`);
    }
  };
}

/** The filters templates may use, by name. */
export function createFilterTable(): Map<string, FilterFunction> {
  const table = new Map<string, FilterFunction>();
  for (const name of STOCK) table.set(name, guard(name, stockFilter(name)));
  for (const [name, filter] of Object.entries(OWN)) table.set(name, guard(name, filter));
  return table;
}
