import { isKeywordArgs } from './filters/filter-args.ts';
import { FORBIDDEN_MEMBERS } from './member-access.ts';
import { isSafeString } from './nunjucks-internals.ts';
import { activeBudget } from './render-budget.ts';
import { TemplateError } from './template-error.ts';

/**
 * Jinja's `namespace()`: the one kind of object a template may change, with
 * `{% set ns.name = value %}`, so that a value set inside a loop is still there after it.
 * Its attributes are own properties, read like any dict's.
 */
export class Namespace {}

function define(target: Namespace, name: string, value: unknown): void {
  if (FORBIDDEN_MEMBERS.has(name)) throw new TemplateError('forbidden', `templates cannot set "${name}"`);
  // defineProperty, not assignment: an attribute can never reach the prototype.
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

const isDict = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isSafeString(value);

/** `namespace()`, `namespace(a=1, b=2)` or `namespace(dict, c=3)`, as Python's `dict(…)` takes them. */
export function namespace(...args: unknown[]): Namespace {
  const keywords = isKeywordArgs(args.at(-1)) ? (args.pop() as Record<string, unknown>) : {};
  if (args.length > 1 || (args.length === 1 && !isDict(args[0]))) {
    throw new TemplateError(
      'render',
      'namespace() takes one dict and name=value pairs, e.g. namespace(count=0)',
    );
  }
  const created = new Namespace();
  for (const source of [args[0] ?? {}, keywords] as Record<string, unknown>[]) {
    const names = Object.keys(source).filter((name) => source !== keywords || name !== '__keywords');
    activeBudget().tick(1 + (names.length >> 8));
    for (const name of names) define(created, name, source[name]);
  }
  return created;
}

/** `{% set target.name = value %}`: allowed on a namespace only, as in Jinja. */
export function setAttribute(target: unknown, name: string, value: unknown): void {
  if (!(target instanceof Namespace)) {
    throw new TemplateError(
      'render',
      `cannot set ".${name}": only a namespace() can have attributes set (ns = namespace(), then {% set ns.${name} = … %})`,
    );
  }
  define(target, name, value);
}
