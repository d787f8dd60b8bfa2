import { pythonFormat } from '../python-format.ts';
import { activeBudget } from '../render-budget.ts';
import { TemplateError } from '../template-error.ts';
import { textOf } from '../text-size.ts';
import { markTuple } from '../tuples.ts';
import { isKeywordArgs, namedArgs, wholeNumber } from './filter-args.ts';
import { replaceText } from './replace-text.ts';

/**
 * Text filters whose result can be much longer than their input. Each works out the size of its
 * result before building it, so a huge width or count is refused instead of allocated.
 */

/** `center(width=80)`. */
export function center(value: unknown, width: unknown): string {
  const text = textOf(value);
  const target = wholeNumber(width, 80);
  if (text.length >= target) return text;
  activeBudget().checkLength(target, `center(): a width of ${target}`);
  const spaces = target - text.length;
  const before = Math.floor(spaces / 2);
  return ' '.repeat(before) + text + ' '.repeat(spaces - before);
}

/** `indent(width=4, first=false, blank=false)`; `width` may also be the indent text itself. */
export function indent(value: unknown, ...args: unknown[]): string {
  const { width, first, blank } = namedArgs(args, ['width', 'first', 'blank']);
  const lines = textOf(value).split('\n');
  const indented = (line: string, index: number): boolean =>
    (index > 0 || Boolean(first)) && (line !== '' || Boolean(blank));
  const count = lines.filter(indented).length;
  const size = typeof width === 'string' ? width.length : Math.max(wholeNumber(width, 4), 0);
  const projected = lines.reduce((total, line) => total + line.length + 1, 0) + count * size;
  activeBudget().checkLength(projected, `indent(): a width of ${size} on ${count} lines`);
  const prefix = typeof width === 'string' ? width : ' '.repeat(size);
  return lines.map((line, index) => (indented(line, index) ? prefix + line : line)).join('\n');
}

/** `replace(old, new, count=all)`. */
export function replace(value: unknown, ...args: unknown[]): string {
  return replaceText(value, args);
}

/** `wordwrap(width=79, break_long_words=true, wrapstring="\n")`. */
export function wordwrap(value: unknown, ...args: unknown[]): string {
  const { width, break_long_words, wrapstring } = namedArgs(args, [
    'width',
    'break_long_words',
    'wrapstring',
  ]);
  const text = textOf(value);
  const lineWidth = Math.max(1, wholeNumber(width, 79));
  const separator = wrapstring === undefined || wrapstring === null ? '\n' : textOf(wrapstring);
  const layout = { width: lineWidth, breakLongWords: break_long_words !== false };
  const lines = text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, layout));
  const budget = activeBudget();
  budget.tick(1 + (text.length >> 12));
  // Lines are pieces of the input, so only the separators can make the result large.
  const projected = lines.reduce((total, line) => total + line.length, 0) + lines.length * separator.length;
  budget.checkLength(projected, `wordwrap(): ${lines.length} lines`);
  return lines.join(separator);
}

/** Greedy wrapping of one paragraph; words longer than a line are cut when `breakLongWords`. */
function wrapParagraph(paragraph: string, layout: { width: number; breakLongWords: boolean }): string[] {
  const { width, breakLongWords } = layout;
  const lines: string[] = [];
  let line = '';
  for (let word of paragraph.split(/\s+/).filter(Boolean)) {
    while (breakLongWords && word.length > width) {
      if (line !== '') lines.push(line);
      line = '';
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/** `string`: the text of a value; a function has none (its source code is not for templates). */
export function string(value: unknown): string {
  return typeof value === 'string' ? value : textOf(value);
}

/**
 * `format(values…)` or `format(name=value…)`: Jinja's `"%s, %s!" | format(greeting, name)`, the
 * same formatting as `"…" % (greeting, name)`.
 */
export function format(value: unknown, ...args: unknown[]): string {
  const keywords = isKeywordArgs(args.at(-1)) ? (args.pop() as Record<string, unknown>) : undefined;
  if (keywords === undefined) return pythonFormat(textOf(value), markTuple(args));
  if (args.length > 0) {
    throw new TemplateError('render', 'format takes values or name=value pairs, not both');
  }
  const named = Object.fromEntries(Object.entries(keywords).filter(([name]) => name !== '__keywords'));
  return pythonFormat(textOf(value), named);
}
