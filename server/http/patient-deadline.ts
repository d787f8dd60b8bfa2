/** Why a request was given up: its answer did not come within the node's timeout. */
export class DeadlineError extends Error {
  override readonly name = 'TimeoutError';

  constructor(timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

/**
 * A request deadline that an answer already received cannot miss. Node runs expired timers
 * before it reads sockets, so after the process was busy for longer than the timeout, a plain
 * timeout (AbortSignal.timeout, undici's headersTimeout) fires for an answer already waiting in
 * the socket buffer, and the request is sent again. Here, when the timer fires, the abort waits
 * for the loop's next check phase (setImmediate), which comes after the I/O phase has read what
 * arrived; `done()` once the answer is read cancels it.
 *
 * @example
 * const deadline = patientDeadline(10_000);
 * try { await request(url, { signal: deadline.signal }); } finally { deadline.done(); }
 */
export function patientDeadline(timeoutMs: number): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  let finished = false;
  const timer = setTimeout(() => {
    setImmediate(() => {
      if (!finished) controller.abort(new DeadlineError(timeoutMs));
    });
  }, timeoutMs);
  return {
    signal: controller.signal,
    done() {
      finished = true;
      clearTimeout(timer);
    },
  };
}
