import { markCallable } from './callables.ts';
import { namedArgs } from './filters/filter-args.ts';
import { namespace } from './namespace.ts';
import { activeBudget } from './render-budget.ts';
import { TemplateError } from './template-error.ts';

/**
 * `range(stop)`, `range(start, stop[, step])`: refused before it is built when it has more items
 * than a render may loop over.
 */
function range(...args: unknown[]): number[] {
  const named = namedArgs(args, ['start', 'stop', 'step']);
  const [from, to] =
    named.stop === undefined ? [0, Number(named.start)] : [Number(named.start), Number(named.stop)];
  const by = named.step === undefined ? 1 : Number(named.step);
  if (!Number.isFinite(from) || !Number.isFinite(to) || !Number.isFinite(by) || by === 0) {
    throw new TemplateError('render', 'range() needs numbers and a step other than 0');
  }
  const count = Math.max(0, Math.ceil((to - from) / by));
  const budget = activeBudget();
  budget.checkCount(count, 'range()');
  budget.tick(1 + (count >> 8));
  return Array.from({ length: count }, (_, index) => from + index * by);
}

/** `cycler(a, b, …)`: `.next()` returns the items in turn, `.current` the last one returned. */
function cycler(...items: unknown[]): { current: unknown; next: () => unknown; reset: () => void } {
  let index = -1;
  const state = {
    current: null as unknown,
    next: markCallable(() => {
      index = items.length === 0 ? -1 : (index + 1) % items.length;
      state.current = items[index];
      return state.current;
    }),
    reset: markCallable(() => {
      index = -1;
      state.current = null;
    }),
  };
  return state;
}

/** `joiner(sep=",")`: a function that returns "" the first time and `sep` afterwards. */
function joiner(...args: unknown[]): () => unknown {
  const { sep } = namedArgs(args, ['sep']);
  const separator = sep === undefined ? ',' : sep;
  let first = true;
  return markCallable(() => {
    const value = first ? '' : separator;
    first = false;
    return value;
  });
}

/**
 * The globals every template sees. Nunjucks' own versions are not used: they are reachable
 * functions whose results (cycler's methods, joiner's function) the sandbox could not tell from
 * arbitrary functions, and its `range` has no size limit.
 */
export const TEMPLATE_GLOBALS: Readonly<Record<string, unknown>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, unknown>, {
    range: markCallable(range),
    cycler: markCallable(cycler),
    joiner: markCallable(joiner),
    namespace: markCallable(namespace),
  }),
);
