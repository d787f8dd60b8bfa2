import { describe, expect, it } from 'vitest';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from './helpers/test-server.ts';

describe('event → condition → webhook', () => {
  const context = serverWithSink();

  function definition() {
    return {
      nodes: [
        triggerNode('start', 'purchase'),
        {
          id: 'big',
          type: 'condition',
          config: { rules: [{ field: 'event.properties.amount', criteria: 'greater_than', value: 100 }] },
        },
        webhookNode('vip', `${context.sink.url}/vip?c={{ customer.id }}`, {
          headers: [{ key: 'X-Tier', value: 'gold-{{ event.properties.amount }}' }],
          body: '{"customer":"{{ customer.id }}","amount":{{ event.properties.amount }},"scenario":"{{ scenario.name }}"}',
        }),
        webhookNode('regular', `${context.sink.url}/regular`, {
          body: '{"customer":"{{ customer.id }}"}',
          retry: { maxAttempts: 1 },
        }),
      ],
      edges: [edge('start', 'big'), edge('big', 'vip', 'yes'), edge('big', 'regular', 'no')],
    };
  }

  it('sends exactly the rendered request on the yes branch and nothing on the other', async () => {
    await activeScenario(context.server, definition(), 'VIP follow-up');
    const sent = await context.server.api('POST', '/api/events', {
      customer_id: 'cust-1',
      type: 'purchase',
      properties: { amount: 250 },
    });
    expect(sent.status).toBe(202);
    const [event] = sent.body.events;
    expect(event.runIds).toHaveLength(1);

    const [request] = await context.sink.waitFor(1);
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/vip?c=cust-1');
    expect(request!.headers['x-tier']).toBe('gold-250');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toBe('{"customer":"cust-1","amount":250,"scenario":"VIP follow-up"}');

    const run = await waitForRun(context.server, event.runIds[0], (r) => r.status === 'completed');
    const attempt = run.steps.find((step: any) => step.kind === 'webhook');
    expect(attempt.detail.request.body).toBe(request!.body);
    expect(attempt.detail.response.status).toBe(200);
    expect(request!.headers['webhook-id']).toBe(attempt.detail.deliveryId);
    expect(run.steps.map((step: any) => step.nodeId ?? step.kind)).toEqual([
      'start',
      'big',
      'vip',
      'vip',
      'completed',
    ]);
    expect(context.sink.received).toHaveLength(1);
  });

  it('takes the no branch when the condition fails', async () => {
    await activeScenario(context.server, definition());
    await context.server.api('POST', '/api/events', {
      customer_id: 'cust-2',
      type: 'purchase',
      properties: { amount: 5 },
    });
    const [request] = await context.sink.waitFor(1);
    expect(request!.url).toBe('/regular');
    expect(request!.body).toBe('{"customer":"cust-2"}');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(context.sink.received.map((r) => r.url)).toEqual(['/regular']);
  });

  it('records a failed run when the endpoint answers 500 and there is no failure edge', async () => {
    context.sink.respond = () => ({ status: 500, body: 'boom' });
    await activeScenario(context.server, definition());
    const sent = await context.server.api('POST', '/api/events', {
      customer_id: 'c3',
      type: 'purchase',
      properties: { amount: 1 },
    });
    const run = await waitForRun(context.server, sent.body.events[0].runIds[0], (r) => r.status === 'failed');
    const attempt = run.steps.find((step: any) => step.kind === 'webhook');
    expect(attempt.detail.response).toMatchObject({ status: 500, body: 'boom' });
    expect(run.steps.at(-1)).toMatchObject({
      kind: 'failed',
      detail: { error: { nodeId: 'regular', message: 'HTTP 500' } },
    });
  });
});
