import { markCallable } from './callables.ts';
import { activeBudget } from './render-budget.ts';
import { cappedJoin, checkedValue, textOf } from './text-size.ts';
import { replaceText } from './filters/replace-text.ts';
import { markTuple } from './tuples.ts';

type Method<T> = (receiver: T, ...args: unknown[]) => unknown;

const position = (value: unknown): number | undefined => (value === undefined ? undefined : Number(value));

/** Python's `split()` without a separator splits on runs of whitespace and drops empty parts. */
function split(receiver: string, separator?: unknown): string[] {
  if (separator === undefined || separator === null) return receiver.split(/\s+/).filter(Boolean);
  return receiver.split(textOf(separator));
}

const upper: Method<string> = (s) => s.toUpperCase();
const lower: Method<string> = (s) => s.toLowerCase();
const trim: Method<string> = (s) => s.trim();
const trimStart: Method<string> = (s) => s.trimStart();
const trimEnd: Method<string> = (s) => s.trimEnd();
const startsWith: Method<string> = (s, prefix) => s.startsWith(textOf(prefix));
const endsWith: Method<string> = (s, suffix) => s.endsWith(textOf(suffix));
const indexOf: Method<string> = (s, part) => s.indexOf(textOf(part));
const lastIndexOf: Method<string> = (s, part) => s.lastIndexOf(textOf(part));

/**
 * String methods a template may call: the JavaScript names Nunjucks users know and the Python
 * names Jinja users know. Arguments are turned into strings, so nothing calls back into a
 * template-supplied object; amplifying methods (repeat, padStart, replaceAll) are left out and
 * `replace` is the size-checked one of the `replace` filter.
 */
const STRING_METHODS = new Map<string, Method<string>>([
  ['upper', upper],
  ['toUpperCase', upper],
  ['lower', lower],
  ['toLowerCase', lower],
  ['strip', trim],
  ['trim', trim],
  ['lstrip', trimStart],
  ['trimStart', trimStart],
  ['rstrip', trimEnd],
  ['trimEnd', trimEnd],
  ['startswith', startsWith],
  ['startsWith', startsWith],
  ['endswith', endsWith],
  ['endsWith', endsWith],
  ['find', indexOf],
  ['indexOf', indexOf],
  ['rfind', lastIndexOf],
  ['lastIndexOf', lastIndexOf],
  ['includes', (s, part) => s.includes(textOf(part))],
  ['slice', (s, start, end) => s.slice(position(start), position(end))],
  ['substring', (s, start, end) => s.substring(Number(start), position(end))],
  ['charAt', (s, index) => s.charAt(Number(index))],
  ['capitalize', (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()],
  ['split', split],
  ['replace', (s, ...args) => replaceText(s, args)],
]);

/** List methods a template may call; none of them changes the list. */
const ARRAY_METHODS = new Map<string, Method<readonly unknown[]>>([
  ['includes', (list, item) => list.includes(item)],
  ['indexOf', (list, item) => list.indexOf(item)],
  ['index', (list, item) => list.indexOf(item)],
  ['slice', (list, start, end) => list.slice(position(start), position(end))],
  ['join', (list, separator) => cappedJoin(list, separator === undefined ? '' : textOf(separator))],
]);

/** Python dict methods Jinja users write (`for k, v in d.items()`), over own properties only. */
const DICT_METHODS = new Map<string, Method<object>>([
  ['items', (dict) => Object.entries(dict).map(markTuple)],
  ['keys', (dict) => Object.keys(dict)],
  ['values', (dict) => Object.values(dict)],
  [
    'get',
    (dict, key, fallback) => {
      const name = textOf(key);
      return Object.hasOwn(dict, name) ? (dict as Record<string, unknown>)[name] : fallback;
    },
  ],
]);

function bind<T>(method: Method<T>, receiver: T): (...args: unknown[]) => unknown {
  return markCallable((...args: unknown[]) => {
    activeBudget().tick();
    return checkedValue(method(receiver, ...args));
  });
}

export function stringMethod(receiver: string, name: string): ((...args: unknown[]) => unknown) | undefined {
  const method = STRING_METHODS.get(name);
  return method && bind(method, receiver);
}

export function arrayMethod(
  receiver: readonly unknown[],
  name: string,
): ((...args: unknown[]) => unknown) | undefined {
  const method = ARRAY_METHODS.get(name);
  return method && bind(method, receiver);
}

export function dictMethod(receiver: object, name: string): ((...args: unknown[]) => unknown) | undefined {
  const method = DICT_METHODS.get(name);
  return method && bind(method, receiver);
}
