import { isSafeString } from '../nunjucks-internals.ts';
import { activeBudget } from '../render-budget.ts';
import { TemplateError } from '../template-error.ts';
import { textOf } from '../text-size.ts';

/** JSON.stringify allows at most 10 spaces of indentation. */
const MAX_INDENT = 10;

function indentOf(indent: unknown): number | string | undefined {
  if (typeof indent === 'string') return indent.slice(0, MAX_INDENT);
  const spaces = Number(indent);
  return Number.isFinite(spaces) && spaces > 0 ? Math.min(Math.floor(spaces), MAX_INDENT) : undefined;
}

/**
 * `tojson(indent)` (also `to_json`, `dump`): the value as JSON; undefined becomes `null` so that
 * `"name": {{ x | tojson }}` always stays valid JSON. The size is counted while serialising, so a
 * list repeating a long string is refused before the whole text is built.
 */
export function tojson(value: unknown, indent?: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return JSON.stringify(value);
  }
  const budget = activeBudget();
  let size = 0;
  const text = JSON.stringify(
    value ?? null,
    (_key: string, item: unknown) => {
      const plain = isSafeString(item) ? item.val : item;
      size += typeof plain === 'string' ? plain.length + 3 : 4;
      if (size > budget.limits.maxOutputBytes) budget.checkLength(size);
      return typeof plain === 'function' ? undefined : plain;
    },
    indentOf(indent),
  ) as string | undefined;
  budget.tick(1 + (size >> 12));
  return text ?? 'null';
}

/** `from_json`: parses JSON text (a value that is already parsed is returned as it is). */
export function fromJson(value: unknown): unknown {
  if (typeof value !== 'string' && !isSafeString(value)) return value;
  const text = textOf(value);
  activeBudget().tick(1 + (text.length >> 12));
  try {
    return JSON.parse(text);
  } catch (error) {
    const preview = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    throw new TemplateError(
      'render',
      `from_json: the value is not valid JSON (${(error as Error).message}): ${JSON.stringify(preview)}`,
    );
  }
}

/**
 * `json_escape`: the text escaped for use inside a JSON string literal, without the quotes:
 * `"note": "{{ x | json_escape }}"`.
 */
export function jsonEscape(value: unknown): string {
  return JSON.stringify(textOf(value)).slice(1, -1);
}
