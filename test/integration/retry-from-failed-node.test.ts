import { describe, expect, it } from 'vitest';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from './helpers/test-server.ts';

const failOnce = (url: string) => ({
  nodes: [
    triggerNode('start', 'signup'),
    webhookNode('crm', `${url}/crm`, { body: '{"id":"{{ customer.id }}"}', retry: { maxAttempts: 1 } }),
  ],
  edges: [edge('start', 'crm')],
});

describe('retry from the failed node', () => {
  const context = serverWithSink();
  const failedRun = async (customer: string) => {
    const sent = await context.server.api('POST', '/api/events', { customer_id: customer, type: 'signup' });
    const runId: string = sent.body.events[0].runIds[0];
    await waitForRun(context.server, runId, (run) => run.status === 'failed');
    return runId;
  };

  it('sends the failed request again and lets the run go on; the history keeps the failure', async () => {
    const { server, sink } = context;
    let answer = 503;
    sink.respond = () => ({ status: answer });
    await activeScenario(server, failOnce(sink.url));
    const runId = await failedRun('c-1');
    answer = 200;
    const retried = await server.api('POST', `/api/runs/${runId}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id: runId, status: 'running', nodeId: 'crm' });
    const run = await waitForRun(server, runId, (found) => found.status === 'completed');
    expect(run.steps.map((step: any) => [step.kind, step.nodeId])).toEqual([
      ['entered', 'start'],
      ['entered', 'crm'],
      ['webhook', 'crm'],
      ['failed', null],
      ['retried', 'crm'],
      ['entered', 'crm'],
      ['webhook', 'crm'],
      ['completed', null],
    ]);
    expect(run.steps[4].detail).toEqual({ by: 'admin key' });
    expect(sink.received.map((request) => request.body)).toEqual(['{"id":"c-1"}', '{"id":"c-1"}']);
    // A new request: a new delivery and webhook-id.
    expect(sink.received[1]!.headers['webhook-id']).not.toBe(sink.received[0]!.headers['webhook-id']);
  });

  it('retries every failed run of a node at once', async () => {
    const { server, sink } = context;
    let answer = 500;
    sink.respond = () => ({ status: answer });
    const scenarioId = await activeScenario(server, failOnce(sink.url));
    const runIds = [await failedRun('a'), await failedRun('b'), await failedRun('c')];
    answer = 200;
    const retried = await server.api('POST', `/api/scenarios/${scenarioId}/nodes/crm/retry-failed`);
    expect(retried.status).toBe(202);
    expect(retried.body.retried).toBe(3);
    expect([...retried.body.runIds].sort()).toEqual([...runIds].sort());
    for (const runId of runIds) await waitForRun(server, runId, (run) => run.status === 'completed');
    const again = await server.api('POST', `/api/scenarios/${scenarioId}/nodes/crm/retry-failed`);
    expect(again.body).toEqual({ retried: 0, runIds: [] });
    const wrongNode = await server.api('POST', `/api/scenarios/${scenarioId}/nodes/start/retry-failed`);
    expect(wrongNode.status).toBe(404);
  });

  it('refuses runs that are not failed at a webhook node, or whose version is no longer active', async () => {
    const { server, sink } = context;
    sink.respond = () => ({ status: 500 });
    const scenarioId = await activeScenario(server, failOnce(sink.url));
    const runId = await failedRun('c-9');
    expect((await server.api('POST', '/api/runs/run_nope/retry')).status).toBe(404);

    const definition = failOnce(sink.url);
    (definition.nodes[1] as any).config.body = '{"v":2}';
    await server.api('PATCH', `/api/scenarios/${scenarioId}`, { definition });
    await server.api('POST', `/api/scenarios/${scenarioId}/activate`);
    const stale = await server.api('POST', `/api/runs/${runId}/retry`);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/version 1 of scenario .* is no longer active \(version 2 is\)/);

    const done = await activeScenario(server, {
      nodes: [triggerNode('go', 'ping'), { id: 'stop', type: 'end', config: {} }],
      edges: [edge('go', 'stop')],
    });
    expect(done).toBeTruthy();
    const sent = await server.api('POST', '/api/events', { customer_id: 'x', type: 'ping' });
    const completed = sent.body.events[0].runIds[0];
    await waitForRun(server, completed, (run) => run.status === 'completed');
    const notFailed = await server.api('POST', `/api/runs/${completed}/retry`);
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.error.message).toMatch(/is completed, not failed/);
  });
});
