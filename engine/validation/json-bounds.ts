/** How deep and how large one free-form JSON value may be. */
export interface JsonBounds {
  /** Levels of objects and arrays, the value itself counting as one: `{"a":{"b":1}}` has 2. */
  maxDepth: number;
  /** UTF-8 bytes of the value written as compact JSON (`JSON.stringify`); `Infinity` skips counting. */
  maxBytes: number;
}

/**
 * The bounds of the API's free-form JSON fields (customer attributes, event properties, launch
 * targets, webhook-test samples). Stores and snapshots write these values with recursive JSON
 * code (SQLite's JSON functions stop at 1,000 levels; `JSON.stringify` overflows the stack a few
 * thousand levels down), and each one is copied into every run it starts: 32 levels and 64 KiB
 * are far above what contact data needs and far below where either breaks.
 */
export const FREE_FORM_JSON: JsonBounds = { maxDepth: 32, maxBytes: 64 * 1024 };

/**
 * What is wrong with `value` under `bounds`, or null when it fits. The walk is iterative: it never
 * recurses, however deep the input, and stops at the first container past `maxDepth` or as soon
 * as the count passes `maxBytes`.
 *
 * @example
 * jsonBoundsProblem({ a: { b: 1 } }, { maxDepth: 1, maxBytes: 100 }) // → 'nested deeper than 1 level'
 */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): string | null {
  const counting = Number.isFinite(bounds.maxBytes);
  const tooLarge = () => `larger than ${sizeText(bounds.maxBytes)} as JSON`;
  // Two parallel stacks of containers still to read and their levels: no object per entry.
  const containers: object[] = [];
  const levels: number[] = [];
  let bytes = 0;
  if (isContainer(value)) {
    containers.push(value);
    levels.push(1);
  } else if (counting) {
    bytes = primitiveBytes(value);
  }
  for (let container = containers.pop(); container; container = containers.pop()) {
    const level = levels.pop()!;
    if (level > bounds.maxDepth) return `nested deeper than ${plural(bounds.maxDepth, 'level')}`;
    const keys = Array.isArray(container) ? null : Object.keys(container);
    const items = keys ?? (container as unknown[]);
    // Brackets and commas, plus `"key":` for each member of an object.
    if (counting) bytes += 2 + Math.max(0, items.length - 1);
    for (let index = 0; index < items.length; index += 1) {
      const child = keys ? (container as Record<string, unknown>)[keys[index]!] : items[index];
      if (counting && keys) bytes += stringBytes(keys[index]!) + 1;
      if (isContainer(child)) {
        containers.push(child);
        levels.push(level + 1);
      } else if (counting) {
        bytes += primitiveBytes(child);
      }
      if (bytes > bounds.maxBytes) return tooLarge();
    }
  }
  return bytes > bounds.maxBytes ? tooLarge() : null;
}

const isContainer = (value: unknown): value is object => value !== null && typeof value === 'object';

function primitiveBytes(value: unknown): number {
  if (typeof value === 'string') return stringBytes(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  return 4; // null, or what JSON writes as null
}

/** Anything but printable ASCII other than `"` and `\` needs a closer look. */
const NOT_PLAIN = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

/** UTF-8 length of a string as JSON writes it: quoted, escapes included (`\n`, `\u0001`, `\udXXX`). */
function stringBytes(text: string): number {
  // The regex scans long text natively; for short text (keys, codes) the loop alone is quicker.
  if (text.length > 32 && !NOT_PLAIN.test(text)) return text.length + 2;
  let bytes = 2;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20) bytes += SHORT_ESCAPES.has(code) ? 2 : 6;
    else if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code < 0xd800 || code > 0xdfff) bytes += 3;
    else if (code < 0xdc00 && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index += 1;
    } else bytes += 6; // a lone surrogate, escaped as \udXXX
  }
  return bytes;
}

/** \b \t \n \f \r */
const SHORT_ESCAPES = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

const plural = (count: number, noun: string) =>
  `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;

function sizeText(bytes: number): string {
  return bytes % 1024 === 0 ? `${(bytes / 1024).toLocaleString('en-US')} KiB` : plural(bytes, 'byte');
}
