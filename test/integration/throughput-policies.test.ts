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
    const afterDrain = samples.filter((sample) => sample.at > changedAt + 250);
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
});
