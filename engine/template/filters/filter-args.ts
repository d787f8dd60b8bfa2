import { isSafeString } from '../nunjucks-internals.ts';
import { TemplateError } from '../template-error.ts';

/** Nunjucks passes `name=value` arguments as one trailing object marked `__keywords`. */
export function isKeywordArgs(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, '__keywords');
}

/**
 * A filter's arguments by name, whether written positionally (`sort(true)`) or as keywords
 * (`sort(reverse=true)`), Jinja style. `args` excludes the filtered value.
 */
export function namedArgs<const N extends string>(
  args: readonly unknown[],
  names: readonly N[],
): Record<N, unknown> {
  const last = args.at(-1);
  const keywords = isKeywordArgs(last) ? last : undefined;
  const positional = keywords ? args.slice(0, -1) : args;
  const named = Object.create(null) as Record<N, unknown>;
  names.forEach((name, index) => {
    named[name] = keywords && Object.hasOwn(keywords, name) ? keywords[name] : positional[index];
  });
  return named;
}

/** The items a list filter works on: lists as they are, text as characters, a dict's keys. */
export function listOf(value: unknown, filter: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split('');
  if (isSafeString(value)) return value.val.split('');
  if (typeof value === 'object') return Object.keys(value);
  throw new TemplateError('render', `the ${filter} filter needs a list, not a ${typeof value}`);
}

/** A whole number from a filter argument, or `fallback` when absent or not a number. */
export function wholeNumber(value: unknown, fallback: number): number {
  const number = Math.floor(Number(value));
  return value === undefined || value === null || !Number.isFinite(number) ? fallback : number;
}
