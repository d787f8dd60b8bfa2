import { isSafeString } from './nunjucks-internals.ts';
import { activeBudget } from './render-budget.ts';
import { cappedJoin } from './text-size.ts';
import { isTuple } from './tuples.ts';

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function hexEscape(code: number): string {
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** Python's quoting of text: single quotes unless the text has one and no double quote. */
function quoted(text: string, asciiOnly: boolean): string {
  activeBudget().tick(1 + (text.length >> 12));
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let result = quote;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (character === quote) result += `\\${quote}`;
    else if (ESCAPES[character] !== undefined) result += ESCAPES[character];
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (asciiOnly && code > 0x7e))
      result += hexEscape(code);
    else result += character;
  }
  return result + quote;
}

function numberRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
  return String(value);
}

/**
 * Python's `repr()` of a template value, for `%r` (`asciiOnly` for `%a`): text in quotes, None,
 * True/False, `[…]` lists, `(…)` tuples, `{'key': …}` dicts. A function has no representation
 * (its source code is not for templates). Long results stop at the output limit.
 */
export function pythonRepr(value: unknown, asciiOnly = false): string {
  if (value === undefined) return 'Undefined';
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return numberRepr(value);
  if (typeof value === 'string') return quoted(value, asciiOnly);
  if (isSafeString(value)) return quoted(value.val, asciiOnly);
  if (typeof value !== 'object') return '';
  const item = (entry: unknown) => pythonRepr(entry, asciiOnly);
  if (Array.isArray(value)) {
    const items = cappedJoin(value, ', ', item);
    if (!isTuple(value)) return `[${items}]`;
    return value.length === 1 ? `(${items},)` : `(${items})`;
  }
  const entries = Object.entries(value);
  return `{${cappedJoin(entries, ', ', (entry) => {
    const [key, inner] = entry as [string, unknown];
    return `${quoted(key, asciiOnly)}: ${item(inner)}`;
  })}}`;
}
