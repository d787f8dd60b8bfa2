import { describe, expect, it } from 'vitest';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from './helpers/test-server.ts';

describe('throughput policies', () => {
  const context = serverWithSink();

  /** Makes the sink slow and records how many requests it holds at once, over time. */
  function measureConcurrency(delayMs: number) {
    const samples: { at: number; open: number }[] = [];
    let open = 0;
    const original = (context.sink as any).handle.bind(context.sink);
    (context.sink as any).handle = async (request: any, response: any) => {
      open += 1;
      samples.push({ at: Date.now(), open });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      open -= 1;
      return original(request, response);
    };
    return samples;
  }

  const scenarioWithPolicy = (policyId: string) => ({
    nodes: [
      triggerNode('start', 'go'),
      webhookNode('call', `${context.sink.url}/x`, { throughputPolicyId: policyId, body: '{}' }),
    ],
    edges: [edge('start', 'call')],
  });

  const sendEvents = async (count: number) => {
    const events = Array.from({ length: count }, (_, i) => ({ customer_id: `c${i}`, type: 'go' }));
    const sent = await context.server.api('POST', '/api/events', events);
    return sent.body.events.flatMap((event: any) => event.runIds) as string[];
  };

  it('never exceeds the limit, queues the rest in order, and loses none', async () => {
    const samples = measureConcurrency(150);
    const policy = await context.server.api('POST', '/api/throughput-policies', {
      name: 'crm',
      concurrency: 2,
    });
    expect(policy.status).toBe(201);
    await activeScenario(context.server, scenarioWithPolicy(policy.body.id));
    const runIds = await sendEvents(10);
    for (const runId of runIds)
      await waitForRun(context.server, runId, (run) => run.status === 'completed', 10_000);
    expect(Math.max(...samples.map((sample) => sample.open))).toBe(2);
    expect(context.sink.received).toHaveLength(10);
  });

  it('applies a lowered limit to requests already waiting', async () => {
    const samples = measureConcurrency(200);
    const policy = await context.server.api('POST', '/api/throughput-policies', {
      name: 'sms',
      concurrency: 4,
    });
    await activeScenario(context.server, scenarioWithPolicy(policy.body.id));
    const runIds = await sendEvents(16);
    await context.sink.waitFor(4, 3000);
    const changedAt = Date.now();
    const updated = await context.server.api('PUT', `/api/throughput-policies/${policy.body.id}`, {
      name: 'sms',
      concurrency: 1,
    });
    expect(updated.body.concurrency).toBe(1);
    for (const runId of runIds)
      await waitForRun(context.server, runId, (run) => run.status === 'completed', 15_000);
    // Requests already running finish; every request started after the change runs alone.
    const afterDrain = samples.filter((sample) => sample.at > changedAt + 500);
    expect(afterDrain.length).toBeGreaterThan(0);
    expect(Math.max(...afterDrain.map((sample) => sample.open))).toBe(1);
    expect(Math.max(...samples.map((sample) => sample.open))).toBe(4);
  });

  it('refuses to delete a policy used by an active scenario, naming it', async () => {
    const policy = await context.server.api('POST', '/api/throughput-policies', {
      name: 'shared',
      concurrency: 3,
    });
    const scenarioId = await activeScenario(
      context.server,
      scenarioWithPolicy(policy.body.id),
      'Black Friday',
    );
    const refused = await context.server.api('DELETE', `/api/throughput-policies/${policy.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(`"Black Friday" (${scenarioId})`);
    await context.server.api('POST', `/api/scenarios/${scenarioId}/deactivate`);
    expect((await context.server.api('DELETE', `/api/throughput-policies/${policy.body.id}`)).status).toBe(
      204,
    );
    expect((await context.server.api('GET', `/api/throughput-policies/${policy.body.id}`)).status).toBe(404);
    const bad = await context.server.api('POST', '/api/throughput-policies', { name: 'x', concurrency: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('concurrency');
  });

  it('lets on-event requests go before bulk sends waiting for the same policy', async () => {
    const { server, sink } = context;
    measureConcurrency(100);
    const policy = await server.api('POST', '/api/throughput-policies', { name: 'one lane', concurrency: 1 });
    const call = (id: string, path: string) =>
      webhookNode(id, `${sink.url}/${path}`, {
        body: '{"id": {{ customer.id | tojson }}}',
        throughputPolicyId: policy.body.id,
      });
    const bulkId = await activeScenario(server, {
      nodes: [
        {
          id: 'start',
          type: 'trigger.schedule',
          config: { schedule: { mode: 'once', at: '2099-01-01T00:00:00Z' } },
        },
        call('bulk', 'bulk'),
      ],
      edges: [edge('start', 'bulk')],
    });
    await activeScenario(server, {
      nodes: [triggerNode('start', 'go'), call('live', 'live')],
      edges: [edge('start', 'live')],
    });
    const bulk = Array.from({ length: 8 }, (_, i) => ({ id: `b${i}`, attributes: {} }));
    await server.store.commit({ customers: bulk, now: new Date().toISOString() });
    await server.fanOut.start({
      scenarioId: bulkId,
      version: 1,
      triggerNodeId: 'start',
      source: 'schedule',
      target: { kind: 'customers', ids: bulk.map((customer) => customer.id) },
    });
    await sink.waitFor(1, 5000);
    await sendEvents(3);
    await sink.waitFor(11, 10_000);
    const order = sink.received.map((request) => request.url);
    // The first bulk request was already running; the three live ones overtake the other seven.
    expect(order.slice(0, 1)).toEqual(['/bulk']);
    expect(order.slice(1, 4).filter((url) => url === '/live').length).toBeGreaterThanOrEqual(2);
    expect(order.filter((url) => url === '/live')).toHaveLength(3);
  });

  it('applies a node switched to another policy only to requests started after the switch', async () => {
    const { server, sink } = context;
    // Requests carry their customer in the path, so the sink knows which were sent before the switch.
    const open = new Set<string>();
    const overlaps: { before: number; after: number }[] = [];
    const original = (sink as any).handle.bind(sink);
    (sink as any).handle = async (request: any, response: any) => {
      open.add(request.url);
      const count = (prefix: string) => [...open].filter((url) => url.startsWith(prefix)).length;
      overlaps.push({ before: count('/x/old'), after: count('/x/new') });
      await new Promise((resolve) => setTimeout(resolve, 200));
      open.delete(request.url);
      return original(request, response);
    };
    const slow = await server.api('POST', '/api/throughput-policies', { name: 'slow', concurrency: 1 });
    const fast = await server.api('POST', '/api/throughput-policies', { name: 'fast', concurrency: 4 });
    const definition = (policyId: string) => ({
      nodes: [
        triggerNode('start', 'go'),
        webhookNode('call', `${sink.url}/x/{{ customer.id }}`, { throughputPolicyId: policyId, body: '{}' }),
      ],
      edges: [edge('start', 'call')],
    });
    const scenarioId = await activeScenario(server, definition(slow.body.id));
    const send = async (prefix: string) => {
      const events = Array.from({ length: 4 }, (_, i) => ({ customer_id: `${prefix}${i}`, type: 'go' }));
      return (await server.api('POST', '/api/events', events)).body.events.flatMap(
        (event: any) => event.runIds,
      ) as string[];
    };
    const before = await send('old');
    await sink.waitFor(1, 3000);
    expect(
      (await server.api('PATCH', `/api/scenarios/${scenarioId}`, { definition: definition(fast.body.id) }))
        .status,
    ).toBe(200);
    expect((await server.api('POST', `/api/scenarios/${scenarioId}/activate`)).status).toBe(200);
    const after = await send('new');
    for (const runId of [...before, ...after])
      await waitForRun(server, runId, (run) => run.status === 'completed', 10_000);
    // The four requests queued before the switch stay on the slow policy, one at a time...
    expect(Math.max(...overlaps.map((sample) => sample.before))).toBe(1);
    // ...while those started after it use the fast one, side by side, without waiting behind them.
    expect(Math.max(...overlaps.map((sample) => sample.after))).toBeGreaterThan(1);
    const urls = sink.received.map((request) => request.url);
    expect(urls.indexOf('/x/new0')).toBeLessThan(urls.indexOf('/x/old3'));
    // Waiting requests keep their order, even those made in the same millisecond.
    expect(urls.filter((url) => url.startsWith('/x/old'))).toEqual([
      '/x/old0',
      '/x/old1',
      '/x/old2',
      '/x/old3',
    ]);
  });
});
