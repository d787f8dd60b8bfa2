import { describe, expect, it } from 'vitest';
import { triggerToWebhook } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from './helpers/test-server.ts';

describe('field suggestions from stored data', () => {
  const context = serverWithSink();

  it('suggests the event types received lately, latest first, with their counts', async () => {
    const { server } = context;
    const events = [
      { customer_id: 'ada', type: 'signup', properties: {} },
      { customer_id: 'ada', type: 'purchase', properties: { amount: 5 } },
      { customer_id: 'bob', type: 'purchase', properties: { amount: 7 } },
    ];
    expect((await server.api('POST', '/api/events', events)).status).toBe(202);
    await server.api('POST', '/api/events', { customer_id: 'cid', type: 'refund', properties: {} });

    const answer = await server.api('GET', '/api/suggestions/event-types');
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((item: { type: string; count: number }) => [item.type, item.count])).toEqual(
      [
        ['refund', 1],
        // Received in one request, so at the same time: by name.
        ['purchase', 2],
        ['signup', 1],
      ],
    );
    expect(answer.body.items[0]).toMatchObject({ capped: false, lastSeen: expect.any(String) });
  });

  it("suggests the property names of a type's events and the attributes of stored customers", async () => {
    const { server } = context;
    await server.api('POST', '/api/events', [
      { customer_id: 'ada', type: 'purchase', properties: { amount: 5, currency: 'EUR' } },
      { customer_id: 'bob', type: 'purchase', properties: { amount: 7, coupon: 'X' } },
      { customer_id: 'bob', type: 'signup', properties: { referrer: 'ad' } },
    ]);
    await server.api('PUT', '/api/customers/ada', { plan: 'pro', email: 'ada@example.com' });
    await server.api('PUT', '/api/customers/bob', { plan: 'free' });

    const properties = await server.api('GET', '/api/suggestions/event-properties?type=purchase');
    expect(properties.status).toBe(200);
    expect(properties.body.items).toEqual([
      { name: 'amount', count: 2 },
      { name: 'coupon', count: 1 },
      { name: 'currency', count: 1 },
    ]);
    const attributes = await server.api('GET', '/api/suggestions/customer-attributes');
    expect(attributes.body.items).toEqual([
      { name: 'plan', count: 2 },
      { name: 'email', count: 1 },
    ]);
    const missing = await server.api('GET', '/api/suggestions/event-properties');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('type');
  });

  it("names the fields of a webhook node's last recorded response, and of a test send's", async () => {
    const { server, sink } = context;
    sink.respond = () => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order_id: 7, user: { plan: 'pro', 'bad key': 1 }, items: [1] }),
    });
    const scenarioId = await activeScenario(server, triggerToWebhook('purchase', `${sink.url}/orders`));
    const none = await server.api('GET', `/api/scenarios/${scenarioId}/nodes/hook/response-fields`);
    expect(none.body).toEqual({ response: null, fields: [] });

    const sent = await server.api('POST', '/api/events', { customer_id: 'ada', type: 'purchase' });
    await waitForRun(server, sent.body.events[0].runIds[0], (run) => run.status === 'completed');
    const answer = await server.api('GET', `/api/scenarios/${scenarioId}/nodes/hook/response-fields`);
    expect(answer.status).toBe(200);
    expect(answer.body.fields).toEqual([
      'order_id',
      'user',
      'items',
      'status',
      'headers',
      'data',
      'json',
      'user.plan',
    ]);
    expect(answer.body.response).toMatchObject({ status: 200 });
    const unknown = await server.api('GET', '/api/scenarios/scn_missing/nodes/hook/response-fields');
    expect(unknown.status).toBe(404);

    const test = await server.api('POST', '/api/webhooks/test', {
      node: { id: 'try', type: 'webhook', config: { method: 'GET', url: `${sink.url}/try` } },
      send: true,
    });
    expect(test.status).toBe(200);
    expect(test.body.fields).toContain('user.plan');
  });
});
