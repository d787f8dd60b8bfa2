import { isSafeString } from './nunjucks-internals.ts';
import { activeBudget } from './render-budget.ts';
import { TemplateError } from './template-error.ts';
import { isTuple, markTuple } from './tuples.ts';

/** `items[-1]`: a negative whole number counts from the end, as in Python; else undefined. */
export function positionFromEnd(index: number, length: number): number | undefined {
  return index < 0 && Number.isInteger(index) ? index + length : undefined;
}

/** A slice bound: a whole number, or null/undefined for "left out"; anything else is invalid. */
function bound(value: unknown): number | null | false {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' && Number.isInteger(value) ? value : false;
}

/** Python's rule for one bound: negative counts from the end, then clamped to the sequence. */
function clamp(index: number, length: number, step: number): number {
  const low = step < 0 ? -1 : 0;
  const high = step < 0 ? length - 1 : length;
  const position = index < 0 ? index + length : index;
  return Math.min(Math.max(position, low), high);
}

interface Selection {
  first: number;
  count: number;
  by: number;
}

/** Which items `[start:stop:step]` selects in a sequence of `length`: undefined if a bound is invalid. */
function select(length: number, parts: readonly [unknown, unknown, unknown]): Selection | undefined {
  const [start, stop, step] = [bound(parts[0]), bound(parts[1]), bound(parts[2])];
  if (start === false || stop === false || step === false) return undefined;
  const by = step ?? 1;
  if (by === 0) throw new TemplateError('render', 'a slice step cannot be zero');
  const first = start === null ? (by < 0 ? length - 1 : 0) : clamp(start, length, by);
  const end = stop === null ? (by < 0 ? -1 : length) : clamp(stop, length, by);
  const count = Math.max(0, Math.ceil((end - first) / by));
  activeBudget().tick(1 + (count >> 8));
  return { first, count, by };
}

/**
 * `value[start:stop:step]` with Python's rules, on lists and text. Anything else, or a bound that
 * is not a whole number, gives undefined (renders as nothing), as Jinja's Undefined does; a step
 * of zero is an error. The result is never longer than `value`, and its length is charged to the
 * render's budget.
 */
// eslint-disable-next-line max-params -- compiled `x[a:b:c]` passes the value and its three bounds
export function sliceOf(value: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const text = typeof value === 'string' ? value : isSafeString(value) ? value.val : undefined;
  const length = text?.length ?? (Array.isArray(value) ? value.length : undefined);
  if (length === undefined) return undefined;
  const selection = select(length, [start, stop, step]);
  if (selection === undefined) return undefined;
  const { first, count, by } = selection;
  if (text !== undefined) {
    if (by === 1) return text.slice(first, first + count);
    let picked = '';
    for (let index = 0; index < count; index += 1) picked += text.charAt(first + index * by);
    return picked;
  }
  const list = value as readonly unknown[];
  const picked = Array.from({ length: count }, (_, index) => list[first + index * by]);
  return isTuple(list) ? markTuple(picked) : picked;
}
