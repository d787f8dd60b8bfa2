import { activeBudget } from '../render-budget.ts';
import { textOf } from '../text-size.ts';
import { namedArgs } from './filter-args.ts';

/**
 * `replace(old, new, count)` over plain text (no regular expressions: templates cannot write
 * them). The size of the result is worked out first, so `"x" * 1000 | replace("x", long)` is
 * refused before it is built. An empty `old` inserts `new` between every character, as Python does;
 * a missing or none `old` (`replace(customer.missing, "-")`) replaces nothing: it is no text to
 * look for, not the empty text.
 */
export function replaceText(value: unknown, args: readonly unknown[]): string {
  const { old, new: replacement, count } = namedArgs(args, ['old', 'new', 'count']);
  const text = textOf(value);
  if (old === undefined || old === null) return text;
  const from = textOf(old);
  const to = textOf(replacement);
  const wanted = Number(count);
  const limit = count === undefined || count === null || !(wanted >= 0) ? Infinity : Math.floor(wanted);
  const occurrences = countOccurrences(text, from, limit);
  const budget = activeBudget();
  budget.checkLength(
    text.length + occurrences * (to.length - from.length),
    `replace(): ${occurrences} replacements`,
  );
  budget.tick(1 + (text.length >> 12));
  return from === '' ? interleave(text, to, occurrences) : replaceFirst(text, { from, to, occurrences });
}

function countOccurrences(text: string, part: string, limit: number): number {
  if (part === '') return Math.min(text.length + 1, limit);
  let found = 0;
  for (let at = text.indexOf(part); at !== -1 && found < limit; at = text.indexOf(part, at + part.length)) {
    found += 1;
  }
  return found;
}

function replaceFirst(
  text: string,
  { from, to, occurrences }: { from: string; to: string; occurrences: number },
): string {
  let result = '';
  let position = 0;
  for (let done = 0; done < occurrences; done += 1) {
    const at = text.indexOf(from, position);
    result += text.slice(position, at) + to;
    position = at + from.length;
  }
  return result + text.slice(position);
}

function interleave(text: string, to: string, occurrences: number): string {
  let result = '';
  for (let index = 0; index <= text.length; index += 1) {
    if (index < occurrences) result += to;
    if (index < text.length) result += text.charAt(index);
  }
  return result;
}
