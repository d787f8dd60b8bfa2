import { isCallable, markCallable } from './callables.ts';
import { tojson } from './filters/json-filters.ts';
import { add, concat, mod } from './guarded-operators.ts';
import { loopBindings, loopItems } from './loop-variables.ts';
import { lookupMember } from './member-access.ts';
import { setAttribute } from './namespace.ts';
import { isSafeString, nunjucksRuntime, type Frame } from './nunjucks-internals.ts';
import { activeBudget } from './render-budget.ts';
import type { SandboxContext } from './sandbox-context.ts';
import { sliceOf } from './sequences.ts';
import { TemplateError } from './template-error.ts';
import { checkedList } from './text-size.ts';
import { markTuple } from './tuples.ts';
import { toTemplateError } from './to-template-error.ts';

type Macro = (...args: unknown[]) => unknown;

function contextOrFrameLookup(context: SandboxContext, frame: Frame, name: string): unknown {
  const value = frame.lookup(name);
  return value !== undefined ? value : context.lookup(name);
}

// Compiled templates call `runtime.callWrap(fn, name, context, args)`: Nunjucks' signature.
// eslint-disable-next-line max-params
function callWrap(fn: unknown, name: string, context: SandboxContext, args: unknown[]): unknown {
  if (typeof fn !== 'function') {
    const what = fn === undefined || fn === null ? 'undefined' : 'not a function';
    throw new TemplateError('render', `${name} is ${what}, so it cannot be called`);
  }
  if (!isCallable(fn)) throw new TemplateError('forbidden', `${name} cannot be called from a template`);
  activeBudget().tick();
  return fn.apply(context, args);
}

/**
 * Output of `{{ value }}`: nothing for undefined, null and functions (never their source code).
 * Nunjucks passes the environment's `autoescape`, which this engine sets for `json` output: then
 * the value is written as JSON (undefined and functions as `null`), except text marked safe.
 */
function suppressValue(value: unknown, json: boolean): unknown {
  if (json) return isSafeString(value) ? value.val : tojson(typeof value === 'function' ? null : value);
  return value === undefined || value === null || typeof value === 'function' ? '' : value;
}

/** Macros (and `caller`) count against the call-depth budget and are the only template-made callables. */
function makeMacro(argNames: string[], kwargNames: string[], func: Macro): Macro {
  const macro = nunjucksRuntime.makeMacro(argNames, kwargNames, func);
  return markCallable((...args: unknown[]) => activeBudget().call(() => macro(...args)));
}

/** Compiled code passes 0-based positions of the statement it was running. */
function handleError(error: unknown, lineno: number, colno: number): TemplateError {
  const converted = toTemplateError(error, 'render');
  return lineno > 0 || colno > 0 ? converted.at(lineno + 1, colno + 1) : converted;
}

/** `a in b`, over the keys a template can read (own data); nothing is in undefined. */
function inOperator(key: unknown, container: unknown): boolean {
  if (container === undefined || container === null) return false;
  if (typeof container === 'string') return container.includes(String(key));
  if (isSafeString(container)) return container.val.includes(String(key));
  if (Array.isArray(container)) return container.includes(key);
  if (typeof container === 'object') return Object.hasOwn(container, String(key));
  if (typeof container === 'function')
    return Object.prototype.propertyIsEnumerable.call(container, String(key));
  throw new TemplateError('render', `"in" cannot look inside a ${typeof container}`);
}

/**
 * The `runtime` argument of every compiled template in this engine. It replaces Nunjucks'
 * shared runtime module for these templates only: that module is never modified, so other
 * Nunjucks users in the process are unaffected. `add`, `concat`, `mod`, `list`, `tuple`, `slice`,
 * `loopItems`, `loopBindings`, `setAttribute` and `checkOutput` are called by code that
 * SandboxCompiler emits.
 */
export const sandboxRuntime = Object.freeze({
  Frame: nunjucksRuntime.Frame,
  SafeString: nunjucksRuntime.SafeString,
  makeKeywordArgs: nunjucksRuntime.makeKeywordArgs,
  isArray: nunjucksRuntime.isArray,
  keys: nunjucksRuntime.keys,
  fromIterator: nunjucksRuntime.fromIterator,
  memberLookup: lookupMember,
  contextOrFrameLookup,
  callWrap,
  suppressValue,
  makeMacro,
  handleError,
  inOperator,
  add,
  concat,
  mod,
  list: checkedList,
  tuple: (items: unknown[]): unknown[] => markTuple(checkedList(items)),
  slice: sliceOf,
  loopItems,
  loopBindings,
  setAttribute,
  checkOutput: (length: number): void => activeBudget().checkLength(length),
});
