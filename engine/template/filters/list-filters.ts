import { activeBudget } from '../render-budget.ts';
import { cappedJoin, textOf } from '../text-size.ts';
import { attributeGetter } from './attribute.ts';
import { listOf, namedArgs, wholeNumber } from './filter-args.ts';

/** `join(separator="", attribute=none)`, refused as soon as the text outgrows the output limit. */
export function join(value: unknown, ...args: unknown[]): string {
  const { d, attribute } = namedArgs(args, ['d', 'attribute']);
  const get = attributeGetter(attribute);
  return cappedJoin(listOf(value, 'join'), textOf(d), (item) => textOf(get(item)));
}

/** `batch(size, fill_with)`: lists of `size` items; the last one padded with `fill_with`. */
export function batch(value: unknown, ...args: unknown[]): unknown[][] {
  const { linecount, fill_with } = namedArgs(args, ['linecount', 'fill_with']);
  const items = listOf(value, 'batch');
  const size = Math.max(1, wholeNumber(linecount, 1));
  activeBudget().checkCount(size, 'batch()');
  const rows: unknown[][] = [];
  for (let start = 0; start < items.length; start += size) rows.push(items.slice(start, start + size));
  const last = rows.at(-1);
  if (last && fill_with !== undefined && fill_with !== null) {
    while (last.length < size) last.push(fill_with);
  }
  return rows;
}

/** `slice(count, fill_with)`: `count` columns of near-equal length, Jinja style. */
export function slice(value: unknown, ...args: unknown[]): unknown[][] {
  const { slices, fill_with } = namedArgs(args, ['slices', 'fill_with']);
  const items = listOf(value, 'slice');
  const count = Math.max(1, wholeNumber(slices, 1));
  activeBudget().checkCount(count, 'slice()');
  const size = Math.floor(items.length / count);
  const extra = items.length % count;
  const columns: unknown[][] = [];
  let offset = 0;
  for (let index = 0; index < count; index += 1) {
    const length = size + (index < extra ? 1 : 0);
    const column = items.slice(offset, offset + length);
    offset += length;
    if (fill_with !== undefined && fill_with !== null && index >= extra) column.push(fill_with);
    columns.push(column);
  }
  return columns;
}
