import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { ReceivedRequest } from '../integration/helpers/http-sink.ts';
import { edge, triggerNode, webhookNode } from '../integration/helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from '../integration/helpers/test-server.ts';

// `POST /api/webhooks/test` with `send: true` signed over an empty `webhook-id` (the test send
// never got the id a delivery gets), so no receiver could verify it, and it left out the
// `user-agent` deliveries carry. Every sender now builds its request through one function.

const CANARY = 'bearer-canary-7c41e9';
const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

const flat = (request: ReceivedRequest) =>
  Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)]));

describe('a test send carries what a delivery carries', () => {
  const context = serverWithSink();

  const integration = async (body: Record<string, unknown>) => {
    const created = await context.server.api('POST', '/api/integrations', {
      name: 'receiver',
      endpointPrefix: `${context.sink.url}/in`,
      ...body,
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  const node = (integrationId: string) =>
    webhookNode('call', `${context.sink.url}/in/hook`, {
      integrationId,
      body: '{"customer":"{{ customer.id }}"}',
      retry: { maxAttempts: 1 },
    });

  it('signs a test send over a fresh webhook-id that standardwebhooks verifies, and shows the signature headers', async () => {
    const signed = await integration({ type: 'signed' });
    const answer = await context.server.api('POST', '/api/webhooks/test', {
      node: node(signed.id),
      sample: { customer: { id: 'c-1' } },
      send: true,
    });
    expect(answer.status).toBe(200);
    const [received] = await context.sink.waitFor(1);
    const headers = flat(received!);
    expect(headers['webhook-id']).toMatch(/^msg_\w{20,}$/);
    expect(new Webhook(signed.secret).verify(received!.body, headers)).toEqual({ customer: 'c-1' });
    for (const name of SIGNATURE_HEADERS) expect(answer.body.request.headers[name]).toBe(headers[name]);
    const again = await context.server.api('POST', '/api/webhooks/test', {
      node: node(signed.id),
      send: true,
    });
    expect(again.body.request.headers['webhook-id']).not.toBe(headers['webhook-id']);
  });

  it('sends the same header names and user-agent in a test send as in a real delivery', async () => {
    const signed = await integration({ type: 'signed' });
    await context.server.api('POST', '/api/webhooks/test', { node: node(signed.id), send: true });
    await activeScenario(context.server, {
      nodes: [triggerNode('start', 'go'), node(signed.id)],
      edges: [edge('start', 'call')],
    });
    const sent = await context.server.api('POST', '/api/events', { customer_id: 'c-2', type: 'go' });
    await waitForRun(context.server, sent.body.events[0].runIds[0], (run) => run.status === 'completed');
    const received = await context.sink.waitFor(2);
    const [test, delivery] = received.map(flat);
    expect(test!['user-agent']).toMatch(/^Hookflow\//);
    expect(test!['user-agent']).toBe(delivery!['user-agent']);
    expect(Object.keys(test!).sort()).toEqual(Object.keys(delivery!).sort());
    received.forEach((request) =>
      expect(() => new Webhook(signed.secret).verify(request.body, flat(request))).not.toThrow(),
    );
  });

  it('masks real credentials in the answer while the receiver gets them', async () => {
    const bearer = await integration({ type: 'bearer', token: CANARY });
    const answer = await context.server.api('POST', '/api/webhooks/test', {
      node: node(bearer.id),
      send: true,
    });
    expect(answer.status).toBe(200);
    const [received] = await context.sink.waitFor(1);
    expect(received!.headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(answer.body.request.headers.authorization).toBe('••••••••');
    expect(answer.body.request.headers['webhook-id']).toBe(received!.headers['webhook-id']);
    expect(answer.body.request.headers['user-agent']).toBe(received!.headers['user-agent']);
    expect(JSON.stringify(answer.body)).not.toContain(CANARY);
  });

  it('signs the integration test call over a webhook-id that standardwebhooks verifies', async () => {
    const signed = await integration({ type: 'signed', test: { method: 'GET', path: '/ping' } });
    const answer = await context.server.api('POST', `/api/integrations/${signed.id}/test`);
    expect(answer.body).toEqual({ ok: true, status: 200 });
    const [received] = await context.sink.waitFor(1);
    expect(received!.url).toBe('/in/ping');
    expect(received!.headers['user-agent']).toMatch(/^Hookflow\//);
    expect(() => new Webhook(signed.secret).verify('', flat(received!), { jsonParse: false })).not.toThrow();
  });
});
