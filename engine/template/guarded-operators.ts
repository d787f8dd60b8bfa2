import { isSafeString } from './nunjucks-internals.ts';
import { pythonFormat } from './python-format.ts';
import { activeBudget } from './render-budget.ts';
import { checkedList } from './text-size.ts';

/** Functions are never text: `"" ~ range` must not print the function's source code. */
const operand = (value: unknown): unknown => (typeof value === 'function' ? '' : value);

/** `a + b`: numbers add, strings concatenate within the output limit, two lists make one list. */
export function add(left: unknown, right: unknown): unknown {
  if (Array.isArray(left) && Array.isArray(right)) {
    const joined = [...left, ...right];
    activeBudget().tick(1 + (joined.length >> 8));
    return checkedList(joined);
  }
  const result: unknown = (operand(left) as number) + (operand(right) as number);
  if (typeof result === 'string') activeBudget().checkLength(result.length);
  return result;
}

/** `a ~ b`: string concatenation within the output limit. */
export function concat(left: unknown, right: unknown): string {
  const result = `${operand(left) as string}${operand(right) as string}`;
  activeBudget().checkLength(result.length);
  return result;
}

/** Text that is a number: `"10" % 3` stays the remainder it always was here (Python refuses it). */
export const isNumeric = (text: string): boolean => text.trim() !== '' && Number.isFinite(Number(text));

/**
 * `a % b`: on text, Python's %-formatting (`"Hi %s" % name`, `"%s: %d" % (a, b)`); on numbers,
 * Python's modulo, whose result has the sign of the divisor (`-7 % 3` is 2).
 */
export function mod(left: unknown, right: unknown): unknown {
  const text = typeof left === 'string' ? left : isSafeString(left) ? left.val : undefined;
  if (text !== undefined && !(typeof right === 'number' && isNumeric(text))) return pythonFormat(text, right);
  const divisor = right as number;
  const remainder = (left as number) % divisor;
  return remainder !== 0 && remainder < 0 !== divisor < 0 ? remainder + divisor : remainder;
}
