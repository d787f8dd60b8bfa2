import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpSink } from '../integration/helpers/http-sink.ts';
import { edge, triggerNode, webhookNode } from '../integration/helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from '../integration/helpers/test-server.ts';

// `PUT /api/integrations/:id` took the placeholder •••••••• for a new secret header, a renamed
// one or a public one made secret, answered 200, and from then on every request carried that
// header empty. The placeholder now keeps only the stored secret of the same field, and no
// stored secret follows the endpoint prefix to another scheme, host or port.

const PLACEHOLDER = '••••••••';
const TOKEN = 'placeholder-canary-41f0';

describe('secret placeholders', () => {
  const context = serverWithSink();
  const elsewhere = new HttpSink();
  beforeEach(async () => {
    elsewhere.received.length = 0;
    await elsewhere.start();
  });
  afterEach(() => elsewhere.stop());

  const prefix = () => `${context.sink.url}/api`;

  const create = async (body: Record<string, unknown>) => {
    const created = await context.server.api('POST', '/api/integrations', {
      name: 'crm',
      endpointPrefix: prefix(),
      ...body,
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  const put = (id: string, body: Record<string, unknown>) =>
    context.server.api('PUT', `/api/integrations/${id}`, { name: 'crm', endpointPrefix: prefix(), ...body });

  /** Runs one webhook through the integration and answers the run once it ends. */
  const send = async (integrationId: string, url = `${prefix()}/send`) => {
    await activeScenario(context.server, {
      nodes: [
        triggerNode('start', 'go'),
        webhookNode('call', url, { integrationId, body: '{}', retry: { maxAttempts: 1 } }),
      ],
      edges: [edge('start', 'call')],
    });
    const sent = await context.server.api('POST', '/api/events', {
      customer_id: `c-${Math.random()}`,
      type: 'go',
    });
    return waitForRun(context.server, sent.body.events[0].runIds[0], (run) => run.status !== 'running');
  };

  const fields = (answer: { body: any }) => answer.body.error.issues.map((issue: any) => issue.field);

  const withHeaders = () =>
    create({
      type: 'headers',
      headers: [
        { key: 'X-Token', value: TOKEN, secret: true },
        { key: 'X-Client', value: 'hookflow', secret: false },
      ],
    });

  it.each([
    [
      'a new secret header',
      [
        { key: 'X-Token', value: PLACEHOLDER, secret: true },
        { key: 'X-Client', value: 'hookflow', secret: false },
        { key: 'X-New', value: PLACEHOLDER, secret: true },
      ],
      'headers[2].value',
    ],
    [
      'a renamed secret header',
      [
        { key: 'X-Key', value: PLACEHOLDER, secret: true },
        { key: 'X-Client', value: 'hookflow', secret: false },
      ],
      'headers[0].value',
    ],
    [
      'a public header made secret',
      [
        { key: 'X-Token', value: PLACEHOLDER, secret: true },
        { key: 'X-Client', value: PLACEHOLDER, secret: true },
      ],
      'headers[1].value',
    ],
    [
      'a secret header made public',
      [
        { key: 'X-Token', value: PLACEHOLDER, secret: false },
        { key: 'X-Client', value: 'hookflow', secret: false },
      ],
      'headers[0].value',
    ],
  ])(
    'refuses the placeholder for %s with a 400 naming the field, and never sends an empty header',
    async (_case, headers, field) => {
      const integration = await withHeaders();
      const answer = await put(integration.id, { type: 'headers', headers });
      expect(answer.status).toBe(400);
      expect(fields(answer)).toEqual([field]);
      expect(answer.body.error.message).toContain(field);
      const run = await send(integration.id);
      expect(run.status).toBe('completed');
      const [received] = context.sink.received;
      expect(received!.headers['x-token']).toBe(TOKEN);
      expect(received!.headers['x-client']).toBe('hookflow');
      expect(Object.entries(received!.headers).filter(([, value]) => value === '')).toEqual([]);
    },
  );

  it('keeps the stored secret of the same header while the prefix stays on its host', async () => {
    const integration = await withHeaders();
    const answer = await put(integration.id, {
      endpointPrefix: `${context.sink.url}/api/v2`,
      type: 'headers',
      headers: [
        { key: 'x-token', value: PLACEHOLDER, secret: true },
        { key: 'X-Client', value: 'hookflow-2', secret: false },
      ],
    });
    expect(answer.status).toBe(200);
    await send(integration.id, `${context.sink.url}/api/v2/send`);
    expect(context.sink.received[0]!.headers['x-token']).toBe(TOKEN);
  });

  it('refuses the placeholder in a new integration, naming the field', async () => {
    const answer = await context.server.api('POST', '/api/integrations', {
      name: 'crm',
      endpointPrefix: prefix(),
      type: 'bearer',
      token: PLACEHOLDER,
    });
    expect(answer.status).toBe(400);
    expect(fields(answer)).toEqual(['token']);
    expect((await context.server.api('GET', '/api/integrations')).body.items).toEqual([]);
  });

  it('asks for every secret again when the endpoint prefix moves to another host or port', async () => {
    const integration = await create({ type: 'basic', username: 'ada', password: TOKEN });
    const moved = await put(integration.id, {
      endpointPrefix: `${elsewhere.url}/api`,
      type: 'basic',
      username: 'ada',
      password: PLACEHOLDER,
    });
    expect(moved.status).toBe(400);
    expect(fields(moved)).toEqual(['password']);
    expect(moved.body.error.message).toMatch(
      new RegExp(`password: the endpoint prefix moved from ${context.sink.url} to ${elsewhere.url}`),
    );
    const stored = await context.server.api('GET', `/api/integrations/${integration.id}`);
    expect(stored.body.endpointPrefix).toBe(prefix());
    const reentered = await put(integration.id, {
      endpointPrefix: `${elsewhere.url}/api`,
      type: 'basic',
      username: 'ada',
      password: 'new-password',
    });
    expect(reentered.status).toBe(200);
    await send(integration.id, `${elsewhere.url}/api/send`);
    const [received] = await elsewhere.waitFor(1);
    expect(received!.headers.authorization).toBe(
      `Basic ${Buffer.from('ada:new-password').toString('base64')}`,
    );
    expect(JSON.stringify(elsewhere.received)).not.toContain(Buffer.from(`ada:${TOKEN}`).toString('base64'));
  });

  it('names each secret header when the prefix changes scheme', async () => {
    const integration = await create({
      type: 'headers',
      headers: [
        { key: 'X-One', value: TOKEN, secret: true },
        { key: 'X-Client', value: 'hookflow', secret: false },
        { key: 'X-Two', value: TOKEN, secret: true },
      ],
    });
    const answer = await put(integration.id, {
      endpointPrefix: prefix().replace('http:', 'https:'),
      type: 'headers',
      headers: [
        { key: 'X-One', value: PLACEHOLDER, secret: true },
        { key: 'X-Client', value: 'hookflow', secret: false },
        { key: 'X-Two', value: PLACEHOLDER, secret: true },
      ],
    });
    expect(answer.status).toBe(400);
    expect(fields(answer)).toEqual(['headers[0].value', 'headers[2].value']);
  });

  it('refuses a signed integration saved without its secret instead of signing with an empty key', async () => {
    const integration = await create({ type: 'signed' });
    const answer = await put(integration.id, { type: 'signed' });
    expect(answer.status).toBe(400);
    expect(fields(answer)).toEqual(['secret']);
    expect((await put(integration.id, { type: 'signed', secret: PLACEHOLDER })).status).toBe(200);
  });

  it('refuses an empty header value and a header named twice', async () => {
    const answer = await context.server.api('POST', '/api/integrations', {
      name: 'crm',
      endpointPrefix: prefix(),
      type: 'headers',
      headers: [
        { key: 'X-Token', value: '', secret: true },
        { key: 'x-token', value: 'b', secret: true },
      ],
    });
    expect(answer.status).toBe(400);
    expect(fields(answer).sort()).toEqual(['headers[0].value', 'headers[1].key']);
  });

  it('does not send a request whose stored secret is empty (saved before this was refused)', async () => {
    const integration = await create({
      type: 'headers',
      headers: [{ key: 'X-Client', value: 'a', secret: false }],
    });
    const record = await context.server.store.integrations.get(integration.id);
    // Written as the old code wrote it: a secret header whose stored secret is missing.
    await context.server.store.integrations.put({
      ...record!,
      settings: { headers: [{ key: 'X-Token', value: '', secret: true }] },
    });
    const run = await send(integration.id);
    expect(run.status).toBe('failed');
    const attempt = run.steps.find((step: any) => step.kind === 'webhook');
    expect(attempt.detail.error).toMatch(/no stored value for headers\[0\]\.value; enter it again/);
    expect(context.sink.received).toHaveLength(0);
  });
});
