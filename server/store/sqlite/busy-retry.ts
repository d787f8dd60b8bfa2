/**
 * Longest a statement blocks the event loop waiting for another process's write lock (SQLite's
 * busy timeout); past it the store waits without blocking and tries again (`retryWhileBusy`).
 */
export const BUSY_BLOCK_MS = 50;
/**
 * How long the store keeps trying while other processes hold the write lock before it gives up
 * with a 503 (`store_unavailable`): only a process stuck inside a transaction holds it this long.
 */
export const BUSY_GIVE_UP_MS = 30_000;

const SQLITE_BUSY = 5;

/** SQLITE_BUSY (any extended code): another connection holds the lock this one needs. */
export function isBusy(error: unknown): boolean {
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  return code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number' && (errcode & 0xff) === SQLITE_BUSY;
}

/**
 * Runs `attempt` until it succeeds, trying again while it fails busy, after a pause that doubles
 * from 2 ms to 100 ms (with jitter, so processes do not retry in step), for `BUSY_GIVE_UP_MS`
 * at most. A busy statement changed nothing: a write transaction that failed to start, or a
 * single statement that could not take the lock, so running it again is safe.
 */
export async function retryWhileBusy<T>(attempt: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  for (let pause = 2; ; pause = Math.min(pause * 2, 100)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() - started >= BUSY_GIVE_UP_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
    }
  }
}

/**
 * `port` with each of its asynchronous methods run through `retryWhileBusy`: `database is
 * locked` never reaches a caller while another process only holds the lock for a while.
 */
export function retryingWhileBusy<T extends object>(port: T): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const first: unknown = value.apply(target, args);
        if (!(first instanceof Promise)) return first;
        return first.catch((error: unknown) => {
          if (!isBusy(error)) throw error;
          return retryWhileBusy(() => value.apply(target, args) as Promise<unknown>);
        });
      };
    },
  });
}
