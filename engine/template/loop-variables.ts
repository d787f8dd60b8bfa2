import { markCallable } from './callables.ts';
import { isSafeString, type Frame } from './nunjucks-internals.ts';
import { activeBudget } from './render-budget.ts';
import { TemplateError } from './template-error.ts';

/**
 * The `loop` variable of a `{% for %}`: Nunjucks' fields plus Jinja's `previtem`, `nextitem`
 * and `cycle(…)`. One object per loop, updated in place at every iteration; templates see only
 * these own fields (member-access.ts), and `cycle` is a sandbox callable.
 */
class LoopVariables {
  index = 1;
  index0 = 0;
  revindex = 0;
  revindex0 = 0;
  first = true;
  last = false;
  length = 0;
  previtem: unknown = undefined;
  nextitem: unknown = undefined;
  readonly cycle = markCallable((...values: unknown[]): unknown => {
    if (values.length === 0) throw new TemplateError('render', 'loop.cycle() needs at least one value');
    return values[this.index0 % values.length];
  });
}

/**
 * Called by compiled code at the start of every iteration (in place of Nunjucks' seven
 * `frame.set("loop.…")` calls): charges the iteration to the budget and updates `loop`.
 * `items` is what the loop walks; a dict walked as `k, v` has no previous or next item.
 */
// eslint-disable-next-line max-params -- generated code passes the loop's locals as they are
export function loopBindings(
  frame: Frame,
  items: unknown,
  index: number,
  length: number,
  outputLength: number,
): void {
  activeBudget().loopIteration(outputLength);
  let loop = frame.variables.loop;
  // A `{% set loop = … %}` in the body replaced it: never write into a value the template made.
  if (index === 0 || !(loop instanceof LoopVariables)) {
    loop = new LoopVariables();
    frame.variables.loop = loop;
  }
  const state = loop as LoopVariables;
  state.index = index + 1;
  state.index0 = index;
  state.revindex = length - index;
  state.revindex0 = length - index - 1;
  state.first = index === 0;
  state.last = index === length - 1;
  state.length = length;
  const sequence =
    Array.isArray(items) || typeof items === 'string' ? (items as ArrayLike<unknown>) : undefined;
  state.previtem = sequence && index > 0 ? sequence[index - 1] : undefined;
  state.nextitem = sequence?.[index + 1];
}

/**
 * What a one-name `{% for x in value %}` walks: a dict's keys in their order, as in Jinja (Nunjucks
 * would walk nothing), text as its characters, lists as they are. The `webhook` accessor is a
 * function whose fields are its enumerable own properties: it walks those, as `for k, v` does.
 */
export function loopItems(value: unknown): unknown {
  if (Array.isArray(value) || value === null) return value;
  if (typeof value === 'function') return Object.keys(value);
  if (typeof value !== 'object') return value;
  return isSafeString(value) ? value.val : Object.keys(value);
}
