import { isCallable } from './callables.ts';
import { isSafeString } from './nunjucks-internals.ts';
import { arrayMethod, dictMethod, stringMethod } from './safe-methods.ts';
import { positionFromEnd } from './sequences.ts';
import { TemplateError } from './template-error.ts';

/**
 * Member names no template may read, on anything: they lead from a value to its class, its
 * prototype chain or accessor tricks, the first step of every known Nunjucks/Jinja escape.
 */
export const FORBIDDEN_MEMBERS: ReadonlySet<string> = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

export function forbiddenMember(name: string): TemplateError {
  return new TemplateError('forbidden', `templates cannot read "${name}"`);
}

/**
 * `obj.name` and `obj[key]` in a template. Only a value's own data is visible, plus a short
 * allow-list of safe string, list and dict methods; nothing inherited (so no `.call`, `.bind`,
 * `.toString` or prototype), and a function found in data is refused unless it is one the
 * sandbox made callable. Missing members are undefined, which renders as nothing. A negative
 * index counts from the end of a list or text (`items[-1]`), as in Python.
 */
export function lookupMember(obj: unknown, key: unknown): unknown {
  if (obj === undefined || obj === null) return undefined;
  const name = typeof key === 'number' || typeof key === 'string' ? key : keyText(key);
  if (typeof name === 'string' && FORBIDDEN_MEMBERS.has(name)) throw forbiddenMember(name);
  if (typeof obj === 'object') return objectMember(obj, name);
  if (typeof obj === 'string') return stringMember(obj, name);
  if (typeof obj === 'function') return functionMember(obj, name);
  return undefined;
}

function keyText(key: unknown): string {
  if (isSafeString(key)) return key.val;
  return String(key);
}

function objectMember(obj: object, name: string | number): unknown {
  if (Object.hasOwn(obj, name)) return ownValue((obj as Record<string | number, unknown>)[name], name);
  if (isSafeString(obj)) return stringMember(obj.val, name);
  if (typeof name === 'number') return Array.isArray(obj) ? itemFromEnd(obj, name) : undefined;
  return Array.isArray(obj) ? arrayMethod(obj, name) : dictMethod(obj, name);
}

function itemFromEnd(list: readonly unknown[], index: number): unknown {
  const position = positionFromEnd(index, list.length);
  return position === undefined || position < 0 ? undefined : ownValue(list[position], index);
}

function stringMember(text: string, name: string | number): unknown {
  if (typeof name === 'number') return name < 0 ? text[positionFromEnd(name, text.length) ?? -1] : text[name];
  if (name === 'length') return text.length;
  return stringMethod(text, name);
}

/**
 * Functions carry data only as enumerable own properties (the `webhook` accessor's fields);
 * their built-in own properties (`name`, `length`, and `caller`/`arguments` on sloppy functions)
 * are not enumerable, so they stay hidden along with everything inherited from Function.
 */
function functionMember(fn: object, name: string | number): unknown {
  if (!Object.prototype.propertyIsEnumerable.call(fn, name)) return undefined;
  return ownValue((fn as Record<string | number, unknown>)[name], name);
}

function ownValue(value: unknown, name: string | number): unknown {
  if (typeof value === 'function' && !isCallable(value)) {
    throw new TemplateError('forbidden', `"${name}" is a function templates may not use`);
  }
  return value;
}
