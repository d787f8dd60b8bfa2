/** Scenarios, customers and polling shared by the fan-out and schedule trigger tests. */
import type { Store } from '../../../server/store/ports/store.ts';
import { edge, webhookNode } from './scenarios.ts';
import type { TestServer } from './test-server.ts';

/** A cron that will not fire during a test run (midnight on January 1st). */
export const FAR_CRON = { mode: 'cron', cron: '0 0 1 1 *', timezone: 'UTC' } as const;

export const equals = (field: string, value: unknown) => ({
  field: `customer.${field}`,
  criteria: 'equals',
  value,
});

export const scheduleNode = (id: string, schedule: unknown, rules: unknown[] = []) => ({
  id,
  type: 'trigger.schedule',
  config: { audience: { rules }, schedule },
});

/** schedule → webhook posting the customer's id and colour to `url`. */
export function scheduleToWebhook(url: string, options: { schedule?: unknown; rules?: unknown[] } = {}) {
  return {
    nodes: [
      scheduleNode('when', options.schedule ?? FAR_CRON, options.rules ?? []),
      webhookNode('hook', url, { body: '{"id":"{{ customer.id }}","color":"{{ customer.color }}"}' }),
    ],
    edges: [edge('when', 'hook')],
  };
}

/** Inserts customers straight into the store (what imports do), `5000` per transaction. */
export async function seedCustomers(
  store: Store,
  count: number,
  attributes: (n: number) => Record<string, unknown>,
  prefix = 'c',
): Promise<string[]> {
  const ids: string[] = [];
  const now = new Date().toISOString();
  for (let start = 0; start < count; start += 5000) {
    const batch = Array.from({ length: Math.min(5000, count - start) }, (_, i) => {
      const n = start + i;
      return { id: `${prefix}${String(n).padStart(6, '0')}`, attributes: attributes(n) };
    });
    await store.commit({ customers: batch, now });
    ids.push(...batch.map((customer) => customer.id));
  }
  return ids;
}

/** Polls `GET /api/fan-outs/:id` until it is no longer running; returns every body seen. */
export async function waitForFanOut(server: TestServer, id: string, timeoutMs = 20_000): Promise<any[]> {
  const seen: any[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await server.api('GET', `/api/fan-outs/${id}`);
    if (status !== 200) throw new Error(`GET /api/fan-outs/${id}: ${status} ${JSON.stringify(body)}`);
    seen.push(body);
    if (body.status !== 'running') return seen;
    if (Date.now() > deadline) throw new Error(`fan-out ${id} still running: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The active version of a scenario, for `FanOutService.start`. */
export async function activeVersionOf(server: TestServer, scenarioId: string): Promise<number> {
  const { body } = await server.api('GET', `/api/scenarios/${scenarioId}`);
  return body.activeVersion as number;
}

/**
 * Customer ids of the deliveries the sink received, sorted: one per `webhook-id`. A request sent
 * again (its answer came later than its timeout on a loaded machine) carries the same id, as
 * README promises, and counts once; a second delivery for a customer counts twice.
 */
export const receivedIds = (requests: { body: string; headers: Record<string, unknown> }[]) => {
  const byDelivery = new Map<unknown, string>();
  for (const request of requests) byDelivery.set(request.headers['webhook-id'], JSON.parse(request.body).id);
  return [...byDelivery.values()].sort();
};
