import type { HttpSink } from '../../integration/helpers/http-sink.ts';

/**
 * Makes the sink answer every webhook's first attempt 503 with `Retry-After`, and 200 after:
 * each delivery then waits in the store, pending, for its second attempt.
 */
export function refuseFirstAttempts(sink: HttpSink, retryAfterSeconds: number): void {
  const tried = new Set<string>();
  sink.respond = (request) => {
    const id = String(request.headers['webhook-id']);
    if (tried.has(id)) return { status: 200 };
    tried.add(id);
    return { status: 503, headers: { 'retry-after': String(retryAfterSeconds) } };
  };
}

/** Customers (`customer` or `id` in the webhook body) whose webhook the sink received a second time. */
export function secondAttempts(sink: HttpSink): Set<string> {
  const seen = new Map<string, number>();
  const customers = new Set<string>();
  for (const request of sink.received) {
    const id = String(request.headers['webhook-id']);
    seen.set(id, (seen.get(id) ?? 0) + 1);
    if (seen.get(id) !== 2) continue;
    const body = JSON.parse(request.body) as { customer?: string; id?: string };
    customers.add(body.customer ?? body.id ?? '');
  }
  return customers;
}

/** Resolves once `check` holds; fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
