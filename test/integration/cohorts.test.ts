import { describe, expect, it } from 'vitest';
import { activeVersionOf, equals, seedCustomers, waitForFanOut } from './helpers/fan-out-fixtures.ts';
import { edge, webhookNode } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, type TestServer } from './helpers/test-server.ts';
import { subscribe, waitForEvents } from './subscriptions/helpers.ts';

// A broadcast through schedule → batch webhook is saved as one cohort per batch, not a run per
// customer, while every customer still reads as a run: list, history, node figures, activity.

const CUSTOMER = '{"id": {{ customer.id | tojson }}, "run": {{ run.id | tojson }}}';
const ROOT = '{"batch": [{% output customers separated by "," %}]}';

const schedule = (rules: unknown[] = []) => ({
  id: 'when',
  type: 'trigger.schedule',
  config: { audience: { rules }, schedule: { mode: 'once', at: '2099-01-01T00:00:00Z' } },
});

function broadcast(
  url: string,
  size: number,
  after: { nodes: unknown[]; edges: unknown[] } = { nodes: [], edges: [] },
) {
  return {
    nodes: [
      schedule(),
      webhookNode('bulk', `${url}/bulk`, {
        body: ROOT,
        batch: { customerTemplate: CUSTOMER, size },
        retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1000 },
      }),
      ...after.nodes,
    ],
    edges: [edge('when', 'bulk'), ...after.edges],
  };
}

async function fanOut(server: TestServer, scenarioId: string) {
  const record = await server.fanOut.start({
    scenarioId,
    version: await activeVersionOf(server, scenarioId),
    triggerNodeId: 'when',
    source: 'schedule',
    target: { kind: 'audience', filter: { rules: [] } },
  });
  expect((await waitForFanOut(server, record.id)).at(-1)).toMatchObject({ status: 'done' });
}

/** Every run of the scenario, page by page through `before`, as a client would list them. */
async function allRuns(server: TestServer, scenarioId: string): Promise<any[]> {
  const runs: any[] = [];
  let before: string | null = null;
  do {
    const query: string = `/api/runs?scenarioId=${scenarioId}&limit=300${before ? `&before=${before}` : ''}`;
    const { body } = await server.api('GET', query);
    runs.push(...body.items);
    before = body.next;
  } while (before);
  return runs;
}

/** Waits until `count` customers left the batch node, by success or failure. */
async function settled(server: TestServer, scenarioId: string, count: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const stats = (await server.api('GET', `/api/scenarios/${scenarioId}/stats`)).body.nodes;
    const left = stats.bulk?.branches ?? {};
    if ((left.success ?? 0) + (left.failure ?? 0) >= count) return;
    if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(stats)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const table = (server: TestServer, name: string) =>
  (server.store.db.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n;

describe('a broadcast to a batch webhook', () => {
  const context = serverWithSink();

  it('is saved as one cohort per batch, and every customer reads as a completed run', async () => {
    const { server, sink } = context;
    const ids = await seedCustomers(server.store, 2500, () => ({ plan: 'pro' }));
    const scenarioId = await activeScenario(server, broadcast(sink.url, 1000));
    await fanOut(server, scenarioId);
    await settled(server, scenarioId, 2500);

    const bodies = sink.received.map((request) => JSON.parse(request.body).batch);
    expect(bodies.map((batch: unknown[]) => batch.length)).toEqual([1000, 1000, 500]);
    // Three records stand for 2,500 runs.
    expect(table(server, 'cohorts')).toBe(3);
    expect(table(server, 'runs')).toBe(0);

    const runs = await allRuns(server, scenarioId);
    expect(runs).toHaveLength(2500);
    expect(new Set(runs.map((run) => run.id)).size).toBe(2500);
    expect(runs.map((run) => run.customerId).sort()).toEqual(ids);
    expect(runs.every((run) => run.status === 'completed' && run.nodeId === null)).toBe(true);
    // Each customer's template saw its own run id, the one the API lists.
    const sentRunIds = bodies.flat().map((entry: { run: string }) => entry.run);
    expect(new Set(sentRunIds)).toEqual(new Set(runs.map((run) => run.id)));

    const one = runs[1234];
    const { status, body } = await server.api('GET', `/api/runs/${one.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: one.id, customerId: one.customerId, status: 'completed', scenarioId });
    expect(body.steps.map((step: any) => [step.seq, step.nodeId, step.kind])).toEqual([
      [0, 'when', 'entered'],
      [1, 'bulk', 'entered'],
      [2, 'bulk', 'webhook'],
      [3, null, 'completed'],
    ]);
    const webhook = body.steps[2].detail;
    expect(webhook.response.status).toBe(200);
    expect(webhook.batch.size).toBeGreaterThanOrEqual(500);

    const delivery = await server.api('GET', `/api/deliveries/${webhook.deliveryId}`);
    expect(delivery.body.runIds).toHaveLength(webhook.batch.size);
    expect(delivery.body.runIds).toContain(one.id);

    const stats = (await server.api('GET', `/api/scenarios/${scenarioId}/stats`)).body.nodes;
    expect(stats).toEqual({
      when: { entered: 2500, waiting: 0, succeeded: 2500, failed: 0, branches: { out: 2500 } },
      bulk: { entered: 2500, waiting: 0, succeeded: 2500, failed: 0, branches: { success: 2500 } },
    });
    const activity = await server.api('GET', `/api/scenarios/${scenarioId}/nodes/bulk/runs?limit=5`);
    expect(activity.body.items).toHaveLength(5);
    expect(activity.body.items[0]).toMatchObject({ status: 'completed' });
    expect(await server.api('GET', `/api/runs/${one.id.replace(/\d{4}$/, '9999')}`)).toMatchObject({
      status: 404,
    });
  });

  it('fails every member when the batch fails after its retries, and counts them failed', async () => {
    const { server, sink } = context;
    sink.respond = () => ({ status: 503, body: 'busy' });
    await seedCustomers(server.store, 300, () => ({}));
    const scenarioId = await activeScenario(server, broadcast(sink.url, 100));
    await fanOut(server, scenarioId);
    await settled(server, scenarioId, 300);
    // Three batches, each tried three times.
    expect(sink.received).toHaveLength(9);
    const runs = await allRuns(server, scenarioId);
    expect(runs).toHaveLength(300);
    expect(runs.every((run) => run.status === 'failed')).toBe(true);
    const { body } = await server.api('GET', `/api/runs/${runs[0].id}`);
    expect(body.steps.filter((step: any) => step.kind === 'webhook')).toHaveLength(3);
    expect(body.steps.at(-1)).toMatchObject({ kind: 'failed', detail: { error: { nodeId: 'bulk' } } });
    // A member cannot be put back on the node alone: its cohort failed as one.
    const retried = await server.api('POST', `/api/runs/${runs[0].id}/retry`);
    expect(retried.status).toBe(409);
    expect(retried.body.error.message).toMatch(/cohort; fan out again/);
    const stats = (await server.api('GET', `/api/scenarios/${scenarioId}/stats`)).body.nodes;
    expect(stats.bulk).toEqual({
      entered: 300,
      waiting: 0,
      succeeded: 0,
      failed: 900,
      branches: { failure: 300 },
    });
  });

  it('parts into runs of their own where the path after the batch depends on the customer', async () => {
    const { server, sink } = context;
    await seedCustomers(server.store, 200, (n) => ({ plan: n % 2 === 0 ? 'pro' : 'free' }));
    const after = {
      nodes: [
        { id: 'pro', type: 'condition', config: { rules: [equals('plan', 'pro')] } },
        webhookNode('thanks', `${sink.url}/thanks`, { body: '{"id": {{ customer.id | tojson }}}' }),
      ],
      edges: [edge('bulk', 'pro', 'success'), edge('pro', 'thanks', 'yes')],
    };
    const scenarioId = await activeScenario(server, broadcast(sink.url, 100, after));
    await fanOut(server, scenarioId);
    const deadline = Date.now() + 20_000;
    while (sink.received.filter((request) => request.url === '/thanks').length < 100) {
      if (Date.now() > deadline) throw new Error('the pro customers were not thanked');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const thanked = sink.received.filter((request) => request.url === '/thanks');
    expect(thanked).toHaveLength(100);
    const runs = await allRuns(server, scenarioId);
    expect(runs).toHaveLength(200);
    expect(table(server, 'runs')).toBe(200);
    const pro = runs.find((run) => run.customerId === 'c000000')!;
    const { body } = await server.api('GET', `/api/runs/${pro.id}`);
    expect(body.steps.map((step: any) => [step.nodeId, step.kind])).toEqual([
      ['when', 'entered'],
      ['bulk', 'entered'],
      ['bulk', 'webhook'],
      ['pro', 'entered'],
      ['thanks', 'entered'],
      ['thanks', 'webhook'],
      [null, 'completed'],
    ]);
    // The history the members shared is counted once, not again when they parted.
    const stats = (await server.api('GET', `/api/scenarios/${scenarioId}/stats`)).body.nodes;
    expect(stats.when.entered).toBe(200);
    expect(stats.bulk).toMatchObject({ entered: 200, succeeded: 200 });
    expect(stats.pro.entered).toBe(200);
    expect(stats.thanks).toMatchObject({ entered: 100, succeeded: 100 });
  });

  it('starts a run per customer while a subscription wants run events, so each customer has its own', async () => {
    const { server, sink } = context;
    await subscribe(server, { url: `${sink.url}/events`, events: [{ type: 'run.completed' }] });
    await seedCustomers(server.store, 50, () => ({}));
    const scenarioId = await activeScenario(server, broadcast(sink.url, 100));
    await fanOut(server, scenarioId);
    const completed = await waitForEvents(sink, { path: '/events', count: 50 });
    expect(new Set(completed.map((request) => request.json.properties.customer_id)).size).toBe(50);
    expect(table(server, 'cohorts')).toBe(0);
  });
});
