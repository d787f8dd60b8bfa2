import { isSafeString } from './nunjucks-internals.ts';
import { activeBudget } from './render-budget.ts';

/**
 * Lists already measured and found within the limit. Templates have no way to change a list, and
 * the host does not change the context while rendering, so a list's weight stays true.
 */
const measured = new WeakMap<readonly unknown[], number>();

/**
 * Roughly how long the text of `value` is when JavaScript turns it into a string (output, `~`,
 * comparisons): lists become their items joined by commas. Counting stops once past `limit`,
 * so measuring is never more work than the limit.
 */
export function textWeight(value: unknown, limit: number): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 1;
  if (isSafeString(value)) return value.length;
  if (!Array.isArray(value)) return 15; // "[object Object]"
  const known = measured.get(value);
  if (known !== undefined) return known;
  let total = value.length;
  for (const item of value) {
    total += textWeight(item, limit - total);
    if (total > limit) return total;
  }
  return total;
}

/**
 * Refuses a list whose text would exceed the output limit. Templates can repeat one long string
 * many times in a list (`[s, s, s, …]`, `batch` fill), and JavaScript would join it in one go.
 */
export function checkedList<T extends readonly unknown[]>(list: T): T {
  const budget = activeBudget();
  const weight = textWeight(list, budget.limits.maxOutputBytes);
  budget.checkLength(weight);
  measured.set(list, weight);
  return list;
}

/** Checks what a filter or method produced: strings and lists must fit the output limit. */
export function checkedValue<T>(value: T): T {
  if (typeof value === 'string') activeBudget().checkLength(value.length);
  else if (Array.isArray(value)) checkedList(value);
  else if (isSafeString(value)) activeBudget().checkLength(value.length);
  return value;
}

/** The text of a value as a template prints it: '' for undefined, null and functions. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null || typeof value === 'function') return '';
  if (isSafeString(value)) return value.val;
  if (Array.isArray(value)) return cappedJoin(value, ',');
  return String(value);
}

/** Joins the texts of `items`, refusing as soon as the result would exceed the output limit. */
export function cappedJoin(
  items: readonly unknown[],
  separator: string,
  toText: (item: unknown) => string = textOf,
): string {
  const budget = activeBudget();
  const max = budget.limits.maxOutputBytes;
  budget.tick(1 + (items.length >> 8));
  let joined = '';
  for (let index = 0; index < items.length; index += 1) {
    const piece = toText(items[index]);
    joined = index === 0 ? piece : joined + separator + piece;
    if (joined.length > max) budget.checkLength(joined.length);
  }
  return joined;
}
