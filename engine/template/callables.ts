/** A function a template may call. */
export type Callable = (...args: never[]) => unknown;

/**
 * The functions templates may call: globals, macros, bound safe methods and the `webhook`
 * accessor. Anything else that reaches a call (a function found in data, a method of a host
 * object) is refused, so an unexpected function can never become a way out of the sandbox.
 */
const callables = new WeakSet<Callable>();

export function markCallable<T extends Callable>(fn: T): T {
  callables.add(fn);
  return fn;
}

export function isCallable(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function' && callables.has(value as Callable);
}
