import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpSink } from '../helpers/http-sink.ts';
import { serverWithSink } from '../helpers/test-server.ts';
import { eventsAt, subscribe, waitForEvents } from './helpers.ts';

const CANARY = 'canary-secret-7f3a9c21';

describe('event subscriptions: how events are sent', () => {
  const context = serverWithSink();
  const signup = (customer: string, properties: Record<string, unknown> = {}) =>
    context.server.api('POST', '/api/events', { customer_id: customer, type: 'signup', properties });

  it('renders a custom template with null for every placeholder that has no data', async () => {
    const { server, sink } = context;
    await subscribe(server, {
      url: `${sink.url}/events`,
      events: [
        {
          type: 'customer.returned',
          template:
            '{"who": {{ customer_id }}, "name": {{ customer.first_name }}, "mail": {{ customer.email }}, "ext": {{ external_message_id }}, "type": {{ event }}, "at": {{ time }}}',
        },
      ],
    });
    // Known for two days: this event is a return.
    await server.store.customers.put(
      'c-1',
      { first_name: 'Ada' },
      new Date(Date.now() - 2 * 86_400_000).toISOString(),
    );
    await signup('c-1');
    const [request] = await waitForEvents(sink, { path: '/events', count: 1 });
    expect(request!.json).toEqual({
      who: 'c-1',
      name: 'Ada',
      mail: null,
      ext: null,
      type: 'customer.returned',
      at: expect.any(Number),
    });
  });

  it('skips events without external_message_id when it is required, and counts them', async () => {
    const { server, sink } = context;
    const subscription = await subscribe(server, {
      url: `${sink.url}/events`,
      events: [{ type: 'customer.created' }],
      settings: { externalMessageIdRequired: true },
    });
    await signup('c-1');
    await signup('c-2', { external_message_id: 'ext-2' });
    await signup('c-3', { external_message_id: '' });
    const received = await waitForEvents(sink, { path: '/events', count: 1, settleMs: 1500 });
    expect(received.map((request) => request.json.properties.customer_id)).toEqual(['c-2']);
    const saved = await server.api('GET', `/api/subscriptions/${subscription.id}`);
    expect(saved.body.health.skipped).toBe(2);
  });

  it('narrows attribute changes to the chosen keys and leaves out excluded sources', async () => {
    const { server, sink } = context;
    await subscribe(server, {
      url: `${sink.url}/events`,
      events: [{ type: 'customer.attributes_changed' }],
      settings: { attributeKeys: ['email_opt_in'], excludeSources: ['event'] },
    });
    await server.api('PATCH', '/api/customers/c-1', { plan: 'pro' });
    await server.api('PATCH', '/api/customers/c-1', { plan: 'max', email_opt_in: false });
    const received = await waitForEvents(sink, { path: '/events', count: 1, settleMs: 1500 });
    expect(received.map((request) => request.json.properties)).toEqual([
      {
        customer_id: 'c-1',
        source: 'api',
        changes: { email_opt_in: { old: null, new: false } },
        scenario_id: null,
        run_id: null,
        node_id: null,
      },
    ]);
  });

  it('signs every call with Standard Webhooks when the integration is a signed one', async () => {
    const { server, sink } = context;
    const integration = await server.api('POST', '/api/integrations', {
      name: 'Signer',
      type: 'signed',
      endpointPrefix: `${sink.url}/events`,
    });
    await subscribe(server, {
      url: `${sink.url}/events`,
      integrationId: integration.body.id,
      events: [{ type: 'customer.created' }],
    });
    await signup('c-1');
    const [request] = await waitForEvents(sink, { path: '/events', count: 1 });
    const headers = Object.fromEntries(
      Object.entries(request!.headers).map(([key, value]) => [key, String(value)]),
    );
    expect(() => new Webhook(integration.body.secret).verify(request!.body, headers)).not.toThrow();
    const forged = `whsec_${Buffer.from('another-secret-0123456789').toString('base64')}`;
    expect(() => new Webhook(forged).verify(request!.body, headers)).toThrow();
  });

  it('sends a bearer integration’s token, and the log never shows it', async () => {
    const { server, sink } = context;
    const integration = await server.api('POST', '/api/integrations', {
      name: 'Bearer',
      type: 'bearer',
      token: CANARY,
      endpointPrefix: sink.url,
    });
    const subscription = await subscribe(server, {
      url: `${sink.url}/events`,
      integrationId: integration.body.id,
      events: [{ type: 'customer.created' }],
    });
    await signup('c-1');
    const [request] = await waitForEvents(sink, { path: '/events', count: 1 });
    expect(request!.headers.authorization).toBe(`Bearer ${CANARY}`);
    const log = await server.api('GET', `/api/subscriptions/${subscription.id}/deliveries`);
    expect(log.body.items).toHaveLength(1);
    expect(JSON.stringify(log.body)).not.toContain(CANARY);
    expect(JSON.stringify(await server.api('GET', `/api/subscriptions/${subscription.id}`))).not.toContain(
      CANARY,
    );
  });

  it('holds events for the flush cadence and sends them together, one call each', async () => {
    const { server, sink } = context;
    await subscribe(server, {
      url: `${sink.url}/events`,
      events: [{ type: 'customer.created' }],
      settings: { flushSeconds: 2 },
    });
    await signup('c-1');
    await signup('c-2');
    const received = await waitForEvents(sink, { path: '/events', count: 2, timeoutMs: 5000 });
    expect(received).toHaveLength(2);
    // Both left on the same tick of the cadence (a multiple of 2 s), not as they happened.
    const ticks = received.map((request) => Math.floor(request.at / 2000));
    expect(new Set(ticks).size).toBe(1);
  });
});

describe('event subscriptions: OAuth 2.0 client credentials', () => {
  const context = serverWithSink();
  const tokens = new HttpSink();
  beforeEach(async () => {
    tokens.received.length = 0;
    await tokens.start();
  });
  afterEach(() => tokens.stop());

  it('fetches a token from the token endpoint and sends it as a bearer', async () => {
    const { server, sink } = context;
    tokens.respond = () => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: 'tok-1', expires_in: 3600 }),
    });
    const integration = await server.api('POST', '/api/integrations', {
      name: 'OAuth receiver',
      type: 'oauth2',
      endpointPrefix: sink.url,
      tokenUrl: `${tokens.url}/oauth/token`,
      clientId: 'hookflow',
      clientSecret: CANARY,
    });
    await subscribe(server, {
      url: `${sink.url}/events`,
      integrationId: integration.body.id,
      events: [{ type: 'customer.created' }],
    });
    await server.api('POST', '/api/events', [
      { customer_id: 'c-1', type: 'signup' },
      { customer_id: 'c-2', type: 'signup' },
    ]);
    const received = await waitForEvents(sink, { path: '/events', count: 2 });
    expect(received.map((request) => request.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-1',
    ]);
    expect(tokens.received).toHaveLength(1);
    expect(tokens.received[0]!.body).toContain('grant_type=client_credentials');
    expect(eventsAt(sink, '/events')).toHaveLength(2);
  });
});
