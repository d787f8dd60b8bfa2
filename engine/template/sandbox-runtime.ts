import nunjucks from 'nunjucks';
import { type RenderBudget, raise } from './render-budget.ts';
import { TemplateError } from './template-error.ts';

/** Names a template may never read, at any depth: they lead to code or to the process. */
const FORBIDDEN = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'process',
  'require',
  'module',
  'global',
  'globalThis',
  'Function',
  'eval',
  'import',
]);

/** Methods of strings and arrays a template may call; everything else inherited is invisible. */
const SAFE_METHODS: Record<string, ReadonlySet<string>> = {
  string: new Set([
    'toUpperCase',
    'toLowerCase',
    'trim',
    'trimStart',
    'trimEnd',
    'slice',
    'substring',
    'indexOf',
    'lastIndexOf',
    'includes',
    'startsWith',
    'endsWith',
    'charAt',
    'split',
  ]),
  array: new Set(['join', 'slice', 'indexOf', 'includes', 'concat']),
};

const CODE_CONSTRUCTORS = new Set<unknown>([
  Function,
  Object.getPrototypeOf(async function () {}).constructor,
  Object.getPrototypeOf(function* () {}).constructor,
  Object.getPrototypeOf(async function* () {}).constructor,
]);

const base = nunjucks.runtime as unknown as Record<string, (...args: never[]) => unknown>;

function forbidden(name: string): never {
  return raise(new TemplateError('forbidden', `templates cannot use "${name}"`));
}

/**
 * A copy of Nunjucks' runtime for one render: the compiled template reads every variable,
 * attribute and call through it, so this is where the sandbox and the budget live. Only this
 * render sees it; Nunjucks' shared runtime module is left untouched.
 */
export function sandboxRuntime(budget: RenderBudget): Record<string, unknown> {
  const guard = (value: unknown): unknown => {
    if (typeof value === 'string') budget.size(value);
    return value;
  };
  return {
    ...base,
    memberLookup(obj: unknown, key: unknown): unknown {
      budget.tick();
      if (obj === undefined || obj === null) return undefined;
      const name = String(key);
      if (FORBIDDEN.has(name)) forbidden(name);
      const kind = typeof obj === 'string' ? 'string' : Array.isArray(obj) ? 'array' : typeof obj;
      const target = obj as Record<string, unknown>;
      if (kind === 'string' && name === 'length') return (obj as string).length;
      if (Object.hasOwn(target, name)) {
        const value = target[name];
        // Own functions only come from the render context we build (the webhook accessor).
        return typeof value === 'function' && kind !== 'object' ? undefined : guard(value);
      }
      if (SAFE_METHODS[kind]?.has(name)) return safeMethod(obj, name);
      return undefined;
    },
    contextOrFrameLookup(
      context: { lookup(name: string): unknown },
      frame: { lookup(name: string): unknown },
      name: string,
    ) {
      budget.tick();
      if (FORBIDDEN.has(name)) forbidden(name);
      const value = frame.lookup(name);
      return guard(value !== undefined ? value : context.lookup(name));
    },
    // Nunjucks' runtime signature, called by compiled templates.
    // eslint-disable-next-line max-params
    callWrap(obj: unknown, name: string, context: unknown, args: unknown[]) {
      budget.tick();
      if (CODE_CONSTRUCTORS.has(obj)) forbidden(name);
      return guard(base.callWrap!(obj as never, name as never, context as never, args as never));
    },
    suppressValue(value: unknown, autoescape: boolean) {
      const text = base.suppressValue!(value as never, autoescape as never);
      budget.emit(String(text));
      return text;
    },
    fromIterator(value: unknown) {
      const iterable = base.fromIterator!(value as never);
      const length = Array.isArray(iterable)
        ? iterable.length
        : iterable && typeof iterable === 'object'
          ? Object.keys(iterable).length
          : 0;
      budget.loop(length);
      return iterable;
    },
  };
}

/** Binds an allow-listed method; `split` takes only string separators (no regular expressions). */
function safeMethod(obj: unknown, name: string): (...args: unknown[]) => unknown {
  const method = (obj as Record<string, (...args: unknown[]) => unknown>)[name]!;
  return (...args: unknown[]) => {
    if (args.some((arg) => arg instanceof RegExp)) forbidden('regular expressions');
    return method.apply(obj, args);
  };
}
