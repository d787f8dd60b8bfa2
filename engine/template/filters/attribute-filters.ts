import { lookupMember } from '../member-access.ts';
import type { SandboxContext } from '../sandbox-context.ts';
import { add } from '../guarded-operators.ts';
import { markTuple } from '../tuples.ts';
import { attributeGetter } from './attribute.ts';
import { listOf, namedArgs } from './filter-args.ts';

/**
 * Jinja's attribute-based list filters, all reading attributes through the sandboxed lookup
 * (Nunjucks' own versions read `item[attr]` directly). Their `this` is the render's context.
 */

type Key = (item: unknown) => unknown;

function sortKey(attribute: unknown, caseSensitive: unknown): Key {
  const get = attributeGetter(attribute);
  return caseSensitive ? get : (item) => foldCase(get(item));
}

const foldCase = (value: unknown): unknown => (typeof value === 'string' ? value.toLowerCase() : value);

function compare(left: unknown, right: unknown): number {
  const a = left as number;
  const b = right as number;
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** `sort(reverse=false, case_sensitive=false, attribute=none)`; returns a sorted copy. */
export function sort(value: unknown, ...args: unknown[]): unknown[] {
  const { reverse, case_sensitive, attribute } = namedArgs(args, ['reverse', 'case_sensitive', 'attribute']);
  const key = sortKey(attribute, case_sensitive);
  const keyed = listOf(value, 'sort').map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => (reverse ? -compare(a.key, b.key) : compare(a.key, b.key)));
  return keyed.map(({ item }) => item);
}

/** A `groupby` group: the list `[grouper, items]` (so `for key, items in …` unpacks it), with `.grouper` and `.list`. */
type Group = [unknown, unknown[]] & { readonly grouper: unknown; readonly list: unknown[] };

function group(grouper: unknown, items: unknown[]): Group {
  const pair = markTuple([grouper, items]) as Group;
  // Not enumerable: `tojson` writes a group as the pair it is, as Jinja does.
  Object.defineProperty(pair, 'grouper', { value: grouper });
  Object.defineProperty(pair, 'list', { value: items });
  return pair;
}

/**
 * `groupby(attribute, default=none, case_sensitive=false)`, as in Jinja: a list of groups sorted
 * by their value, each one `(grouper, list)`. Values are compared ignoring case unless
 * `case_sensitive`, and a group's `grouper` is its first item's value as written; `default`
 * stands in for items without the attribute.
 */
export function groupby(value: unknown, ...args: unknown[]): Group[] {
  const {
    attribute,
    default: fallback,
    case_sensitive,
  } = namedArgs(args, ['attribute', 'default', 'case_sensitive']);
  const get = attributeGetter(attribute);
  const valueOf = (item: unknown): unknown => {
    const found = get(item);
    return found === undefined ? fallback : found;
  };
  const groups = new Map<unknown, { key: unknown; grouper: unknown; items: unknown[] }>();
  for (const item of listOf(value, 'groupby')) {
    const grouper = valueOf(item);
    const key = case_sensitive ? grouper : foldCase(grouper);
    const found = groups.get(key);
    if (found) found.items.push(item);
    else groups.set(key, { key, grouper, items: [item] });
  }
  const sorted = [...groups.values()].sort((a, b) => compare(a.key, b.key));
  return sorted.map((entry) => group(entry.grouper, entry.items));
}

function attributeTest(context: SandboxContext, args: unknown[]): (item: unknown) => boolean {
  const [attribute, testName, ...testArgs] = args;
  const get = attributeGetter(attribute);
  if (testName === undefined) return (item) => Boolean(get(item));
  const test = context.env.getTest(String(testName));
  return (item) => test.call(context, get(item), ...testArgs) === true;
}

/** `selectattr(attribute[, test, args…])`: items whose attribute passes the test (or is truthy). */
export function selectattr(this: SandboxContext, value: unknown, ...args: unknown[]): unknown[] {
  const passes = attributeTest(this, args);
  return listOf(value, 'selectattr').filter(passes);
}

/** `rejectattr(attribute[, test, args…])`: the items selectattr would drop. */
export function rejectattr(this: SandboxContext, value: unknown, ...args: unknown[]): unknown[] {
  const passes = attributeTest(this, args);
  return listOf(value, 'rejectattr').filter((item) => !passes(item));
}

/** `map(attribute="x", default=…)` or `map("filter", args…)`. */
export function map(this: SandboxContext, value: unknown, ...args: unknown[]): unknown[] {
  const items = listOf(value, 'map');
  const [first, ...rest] = args;
  if (typeof first === 'string') {
    const filter = this.env.getFilter(first);
    return items.map((item) => filter.call(this, item, ...rest));
  }
  const { attribute, default: fallback } = namedArgs(args, ['attribute', 'default']);
  const get = attributeGetter(attribute);
  return items.map((item) => get(item) ?? fallback);
}

/** `attr(name)`: the sandboxed `obj[name]`. */
export function attr(value: unknown, name: unknown): unknown {
  return lookupMember(value, name);
}

/** `sum(attribute=none, start=0)`; text sums are size-checked like `+`. */
export function sum(value: unknown, ...args: unknown[]): unknown {
  const { attribute, start } = namedArgs(args, ['attribute', 'start']);
  const get = attributeGetter(attribute);
  return listOf(value, 'sum').reduce<unknown>((total, item) => add(total, get(item)), start ?? 0);
}

/** `unique(case_sensitive=false, attribute=none)`: first occurrence of each value, in order. */
export function unique(value: unknown, ...args: unknown[]): unknown[] {
  const { case_sensitive, attribute } = namedArgs(args, ['case_sensitive', 'attribute']);
  const key = sortKey(attribute, case_sensitive);
  const seen = new Set<unknown>();
  return listOf(value, 'unique').filter((item) => {
    const itemKey = key(item);
    if (seen.has(itemKey)) return false;
    seen.add(itemKey);
    return true;
  });
}

function extreme(value: unknown, args: unknown[], sign: 1 | -1): unknown {
  const { case_sensitive, attribute } = namedArgs(args, ['case_sensitive', 'attribute']);
  const key = sortKey(attribute, case_sensitive);
  let best: { item: unknown; key: unknown } | undefined;
  for (const item of listOf(value, sign === 1 ? 'max' : 'min')) {
    const itemKey = key(item);
    if (best === undefined || compare(itemKey, best.key) * sign > 0) best = { item, key: itemKey };
  }
  return best?.item;
}

/** `min(case_sensitive=false, attribute=none)`. */
export const min = (value: unknown, ...args: unknown[]): unknown => extreme(value, args, -1);

/** `max(case_sensitive=false, attribute=none)`. */
export const max = (value: unknown, ...args: unknown[]): unknown => extreme(value, args, 1);
