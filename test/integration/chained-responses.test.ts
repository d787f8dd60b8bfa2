import { describe, expect, it } from 'vitest';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from './helpers/test-server.ts';

describe('responses reused by later nodes', () => {
  const context = serverWithSink();

  it('reads webhook(1) and webhook(2) fields and branches on webhook.status', async () => {
    context.sink.respond = (request) => {
      if (request.url === '/token') return { status: 200, body: '{"token":"t-123","user":{"tier":"gold"}}' };
      if (request.url === '/profile') return { status: 201, headers: { 'x-trace': 'abc' }, body: 'created' };
      return { status: 200 };
    };
    const definition = {
      nodes: [
        triggerNode('start', 'go'),
        webhookNode('first', `${context.sink.url}/token`, { body: '{}' }),
        webhookNode('second', `${context.sink.url}/profile`, {
          headers: [{ key: 'Authorization', value: 'Bearer {{ webhook.token }}' }],
          body: '{"tier":"{{ webhook.user.tier }}"}',
          responseFormat: 'text',
        }),
        {
          id: 'created',
          type: 'condition',
          config: { rules: [{ field: 'webhook.status', criteria: 'equals', value: 201 }] },
        },
        webhookNode('report', `${context.sink.url}/report`, {
          body: '{"token":"{{ webhook(1).token }}","second":"{{ webhook(2).data }}","trace":"{{ webhook.headers["x-trace"] }}","status":{{ webhook.status }}}',
        }),
        webhookNode('other', `${context.sink.url}/other`, { body: '{}' }),
      ],
      edges: [
        edge('start', 'first'),
        edge('first', 'second', 'success'),
        edge('second', 'created', 'success'),
        edge('created', 'report', 'yes'),
        edge('created', 'other', 'no'),
      ],
    };
    await activeScenario(context.server, definition);
    const sent = await context.server.api('POST', '/api/events', { customer_id: 'c1', type: 'go' });
    await waitForRun(context.server, sent.body.events[0].runIds[0], (run) => run.status === 'completed');
    expect(context.sink.received.map((request) => request.url)).toEqual(['/token', '/profile', '/report']);
    expect(context.sink.received[1]!.headers.authorization).toBe('Bearer t-123');
    expect(context.sink.received[1]!.body).toBe('{"tier":"gold"}');
    expect(JSON.parse(context.sink.received[2]!.body)).toEqual({
      token: 't-123',
      second: 'created',
      trace: 'abc',
      status: 201,
    });
  });
});
