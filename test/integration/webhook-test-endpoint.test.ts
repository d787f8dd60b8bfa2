import { describe, expect, it } from 'vitest';
import { serverWithSink } from './helpers/test-server.ts';

describe('POST /api/webhooks/test', () => {
  const context = serverWithSink({ shared: true });

  const node = (config: Record<string, unknown>) => ({
    id: 'hook',
    type: 'webhook',
    config: { url: `${context.sink.url}/t`, ...config },
  });

  it('returns the exact rendered request for sample data and sends nothing', async () => {
    const response = await context.server.api('POST', '/api/webhooks/test', {
      node: node({
        url: `${context.sink.url}/t/{{ customer.id }}`,
        query: [{ key: 'plan', value: '{{ customer.plan }}' }],
        headers: [{ key: 'X-Event', value: '{{ event.type }}' }],
        body: '{"name":"{{ customer.name }}","prev":{{ webhook.score }}}',
      }),
      sample: {
        customer: { id: 'c-9', name: 'Ada', plan: 'pro plus' },
        event: { type: 'purchase' },
        responses: [{ status: 200, data: '{"score":7}', json: { score: 7 } }],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.request).toEqual({
      method: 'POST',
      url: `${context.sink.url}/t/c-9?plan=pro+plus`,
      headers: { 'x-event': 'purchase', 'content-type': 'application/json' },
      body: '{"name":"Ada","prev":7}',
    });
    expect(context.sink.received).toHaveLength(0);
  });

  it('renders a batch node: the customer template per sample customer, the root once over them', async () => {
    const batchNode = node({
      body: '{"count": {{ customers | length }}, "to": [{% output customers separated by "," %}]}',
      batch: { customerTemplate: '{"n": {{ customer.phone | tojson }}}' },
    });
    const two = await context.server.api('POST', '/api/webhooks/test', {
      node: batchNode,
      sample: { customers: [{ phone: '+1' }, { phone: '+2' }] },
    });
    expect(two.status).toBe(200);
    expect(two.body.request.body).toBe('{"count": 2, "to": [{"n": "+1"},{"n": "+2"}]}');
    const one = await context.server.api('POST', '/api/webhooks/test', {
      node: batchNode,
      sample: { customer: { phone: '+3' } },
    });
    expect(one.body.request.body).toBe('{"count": 1, "to": [{"n": "+3"}]}');
    const broken = await context.server.api('POST', '/api/webhooks/test', {
      node: node({
        body: '[{{ customers | join(",") }}]',
        batch: { customerTemplate: '{{ customer.x | nope }}' },
      }),
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.issues[0].field).toBe('config.batch.customerTemplate');
    expect(context.sink.received).toHaveLength(0);
  });

  it('sends when asked and returns the response', async () => {
    context.sink.respond = () => ({ status: 201, body: 'made', headers: { 'x-id': '42' } });
    const response = await context.server.api('POST', '/api/webhooks/test', {
      node: node({ body: '{}' }),
      send: true,
    });
    expect(response.status).toBe(200);
    expect(response.body.response).toMatchObject({ status: 201, body: 'made', headers: { 'x-id': '42' } });
    expect(context.sink.received).toHaveLength(1);
  });

  it('says where a rendered JSON body is broken, and sends nothing', async () => {
    const before = context.sink.received.length;
    const response = await context.server.api('POST', '/api/webhooks/test', {
      node: node({ body: '{"a": {{ customer.missing }} }' }),
      send: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0]).toMatchObject({ nodeId: 'hook', field: 'config.body' });
    expect(response.body.error.message).toMatch(/not valid JSON/);
    expect(context.sink.received).toHaveLength(before);
  });

  it('rejects XML that is not well-formed, naming line and column', async () => {
    const response = await context.server.api('POST', '/api/webhooks/test', {
      node: node({ format: 'xml', body: '<a><b>{{ customer.id }}</a>' }),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/not well-formed XML.*line 1/);
  });
});
