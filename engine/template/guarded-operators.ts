import { activeBudget } from './render-budget.ts';

/** Functions are never text: `"" ~ range` must not print the function's source code. */
const operand = (value: unknown): unknown => (typeof value === 'function' ? '' : value);

/** `a + b`: numbers add, strings concatenate within the output limit. */
export function add(left: unknown, right: unknown): unknown {
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
