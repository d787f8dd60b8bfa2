import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpSink } from './helpers/http-sink.ts';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import {
  activeScenario,
  makeDataDir,
  removeDataDir,
  serverWithSink,
  startTestServer,
  type TestServer,
  waitForRun,
} from './helpers/test-server.ts';

const CANARY = 'canary-secret-5b1e0c2d';

describe('authentication integrations', () => {
  const context = serverWithSink();

  const createIntegration = async (body: Record<string, unknown>) => {
    const response = await context.server.api('POST', '/api/integrations', {
      name: 'crm',
      endpointPrefix: `${context.sink.url}/api/v1`,
      ...body,
    });
    expect(response.status).toBe(201);
    return response.body;
  };

  const runWebhook = async (integrationId: string, path: string) => {
    await activeScenario(context.server, {
      nodes: [
        triggerNode('start', 'go'),
        webhookNode('call', `${context.sink.url}${path}`, {
          integrationId,
          body: '{"n":1}',
          retry: { maxAttempts: 1 },
        }),
      ],
      edges: [edge('start', 'call')],
    });
    const sent = await context.server.api('POST', '/api/events', {
      customer_id: `c-${Math.random()}`,
      type: 'go',
    });
    return waitForRun(
      context.server,
      sent.body.events[0].runIds[0],
      (run) => run.status === 'completed' || run.status === 'failed',
    );
  };

  it('attaches Basic credentials under the prefix and keeps them out of run history', async () => {
    const integration = await createIntegration({ type: 'basic', username: 'ada', password: CANARY });
    expect(integration.settings.password).toBe('••••••••');
    const run = await runWebhook(integration.id, '/api/v1/send');
    expect(run.status).toBe('completed');
    expect(context.sink.received[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`ada:${CANARY}`).toString('base64')}`,
    );
    expect(JSON.stringify(run)).not.toContain(CANARY);
    expect(JSON.stringify(run)).not.toContain(Buffer.from(`ada:${CANARY}`).toString('base64'));
  });

  it.each(['/api/v10/send', '/api/v2/send', '/api/send'])(
    'refuses to send credentials to %s',
    async (path) => {
      const integration = await createIntegration({ type: 'bearer', token: CANARY });
      const run = await runWebhook(integration.id, path);
      expect(run.status).toBe('failed');
      expect(context.sink.received).toHaveLength(0);
      const attempt = run.steps.find((step: any) => step.kind === 'webhook');
      expect(attempt.detail.error).toMatch(/outside the endpoint prefix .*credentials were not sent/);
    },
  );

  it('signs with Standard Webhooks using a generated secret shown once', async () => {
    const integration = await createIntegration({ type: 'signed' });
    expect(integration.secret).toMatch(/^whsec_/);
    expect(
      (await context.server.api('GET', `/api/integrations/${integration.id}`)).body.settings.secret,
    ).toBe('••••••••');
    await runWebhook(integration.id, '/api/v1/hook');
    const [request] = context.sink.received;
    const headers = Object.fromEntries(Object.entries(request!.headers).map(([k, v]) => [k, String(v)]));
    expect(() => new Webhook(integration.secret).verify(request!.body, headers)).not.toThrow();
    expect(() =>
      new Webhook(`whsec_${Buffer.from('another-secret-0123456789').toString('base64')}`).verify(
        request!.body,
        headers,
      ),
    ).toThrow();
  });

  it('keeps stored secrets when the placeholder is sent back, and never returns them', async () => {
    const integration = await createIntegration({
      type: 'headers',
      headers: [
        { key: 'X-Api-Key', value: CANARY, secret: true },
        { key: 'X-Client', value: 'hookflow', secret: false },
      ],
    });
    const listed = await context.server.api('GET', '/api/integrations');
    expect(JSON.stringify(listed.body)).not.toContain(CANARY);
    const updated = await context.server.api('PUT', `/api/integrations/${integration.id}`, {
      name: 'crm renamed',
      type: 'headers',
      endpointPrefix: `${context.sink.url}/api/v1`,
      headers: [
        { key: 'X-Api-Key', value: '••••••••', secret: true },
        { key: 'X-Client', value: 'hookflow-2', secret: false },
      ],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.settings.headers).toEqual([
      { key: 'X-Api-Key', value: '••••••••', secret: true },
      { key: 'X-Client', value: 'hookflow-2', secret: false },
    ]);
    await runWebhook(integration.id, '/api/v1/x');
    expect(context.sink.received[0]!.headers['x-api-key']).toBe(CANARY);
    expect(context.sink.received[0]!.headers['x-client']).toBe('hookflow-2');
    for (const file of readdirSync(context.dataDir)) {
      expect(readFileSync(join(context.dataDir, file)).includes(CANARY)).toBe(false);
    }
  });

  it('test-sends a webhook with credentials but returns them masked', async () => {
    const integration = await createIntegration({ type: 'bearer', token: CANARY });
    const node = {
      id: 'n',
      type: 'webhook',
      config: { url: `${context.sink.url}/api/v1/t`, body: '{}', integrationId: integration.id },
    };
    const response = await context.server.api('POST', '/api/webhooks/test', { node, send: true });
    expect(response.status).toBe(200);
    expect(context.sink.received[0]!.headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(response.body.request.headers.authorization).toBe('••••••••');
    expect(JSON.stringify(response.body)).not.toContain(CANARY);
  });

  it('reports a credentials test as successful only on 200', async () => {
    const integration = await createIntegration({
      type: 'bearer',
      token: 'good',
      test: { method: 'GET', path: '/me' },
    });
    context.sink.respond = (request) => ({
      status: request.headers.authorization === 'Bearer good' ? 200 : 401,
    });
    expect((await context.server.api('POST', `/api/integrations/${integration.id}/test`)).body).toEqual({
      ok: true,
      status: 200,
    });
    expect(context.sink.received[0]!.url).toBe('/api/v1/me');
    context.sink.respond = () => ({ status: 204 });
    const refused = await context.server.api('POST', `/api/integrations/${integration.id}/test`);
    expect(refused.body).toMatchObject({ ok: false, status: 204 });
  });

  it('validates integrations with field-level errors', async () => {
    const response = await context.server.api('POST', '/api/integrations', {
      type: 'basic',
      name: 'x',
      endpointPrefix: 'ftp://nope',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.issues.map((issue: any) => issue.field)).toEqual(
      expect.arrayContaining(['endpointPrefix']),
    );
  });
});

describe('OAuth 2.0 client credentials', () => {
  let dataDir: string;
  let server: TestServer;
  const sink = new HttpSink();
  const tokens = new HttpSink();

  beforeEach(async () => {
    sink.received.length = 0;
    tokens.received.length = 0;
    await sink.start();
    await tokens.start();
    dataDir = makeDataDir();
    server = await startTestServer(dataDir);
  });

  afterEach(async () => {
    await server.close();
    await sink.stop();
    await tokens.stop();
    removeDataDir(dataDir);
  });

  it('fetches a token once, reuses it, and fetches anew after a 401', async () => {
    let issued = 0;
    tokens.respond = () => ({
      status: 200,
      body: JSON.stringify({ access_token: `tok-${++issued}`, expires_in: 3600 }),
    });
    sink.respond = (request) => ({
      status: request.headers.authorization === 'Bearer tok-1' && sink.received.length > 2 ? 401 : 200,
    });
    const created = await server.api('POST', '/api/integrations', {
      name: 'oauth',
      type: 'oauth2',
      endpointPrefix: sink.url,
      tokenUrl: `${tokens.url}/oauth/token`,
      clientId: 'client',
      clientSecret: CANARY,
      scope: 'send',
    });
    await activeScenario(server, {
      nodes: [
        triggerNode('start', 'go'),
        webhookNode('call', `${sink.url}/send`, {
          integrationId: created.body.id,
          body: '{}',
          retry: { maxAttempts: 1 },
        }),
      ],
      edges: [edge('start', 'call')],
    });
    for (const id of ['a', 'b']) {
      const sent = await server.api('POST', '/api/events', { customer_id: id, type: 'go' });
      await waitForRun(server, sent.body.events[0].runIds[0], (run) => run.status === 'completed');
    }
    expect(tokens.received).toHaveLength(1);
    expect(tokens.received[0]!.body).toContain(`client_secret=${CANARY}`);
    expect(sink.received.map((request) => request.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-1',
    ]);
    const third = await server.api('POST', '/api/events', { customer_id: 'c', type: 'go' });
    const run = await waitForRun(server, third.body.events[0].runIds[0], (r) => r.status === 'completed');
    expect(tokens.received).toHaveLength(2);
    expect(sink.received.slice(2).map((request) => request.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-2',
    ]);
    expect(JSON.stringify(run)).not.toContain('tok-');
  });
});

describe('OAuth 2.0 token expiry', () => {
  it('fetches a new token once the cached one is about to expire', async () => {
    const dataDir = makeDataDir();
    const sink = new HttpSink();
    const tokens = new HttpSink();
    await sink.start();
    await tokens.start();
    let issued = 0;
    // 31 s of life, renewed 30 s early: the cache keeps it for about one second.
    tokens.respond = () => ({
      status: 200,
      body: JSON.stringify({ access_token: `short-${++issued}`, expires_in: 31 }),
    });
    const server = await startTestServer(dataDir);
    try {
      const created = await server.api('POST', '/api/integrations', {
        name: 'short tokens',
        type: 'oauth2',
        endpointPrefix: sink.url,
        tokenUrl: `${tokens.url}/token`,
        clientId: 'c',
        clientSecret: 's',
      });
      await activeScenario(server, {
        nodes: [
          triggerNode('start', 'go'),
          webhookNode('call', `${sink.url}/x`, { integrationId: created.body.id, body: '{}' }),
        ],
        edges: [edge('start', 'call')],
      });
      const send = async (id: string) => {
        const sent = await server.api('POST', '/api/events', { customer_id: id, type: 'go' });
        await waitForRun(server, sent.body.events[0].runIds[0], (run) => run.status === 'completed');
      };
      await send('a');
      await send('b');
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await send('c');
      expect(sink.received.map((request) => request.headers.authorization)).toEqual([
        'Bearer short-1',
        'Bearer short-1',
        'Bearer short-2',
      ]);
    } finally {
      await server.close();
      await sink.stop();
      await tokens.stop();
      removeDataDir(dataDir);
    }
  });
});

describe('the master key', () => {
  it('refuses to start with a key that does not decrypt the stored secrets', async () => {
    const dataDir = makeDataDir();
    try {
      const first = await startTestServer(dataDir);
      await first.close();
      writeFileSync(join(dataDir, 'master.key'), `${Buffer.alloc(32, 7).toString('base64')}\n`);
      await expect(startTestServer(dataDir)).rejects.toThrow(
        /master key .* is not the one the stored secrets were encrypted with/,
      );
    } finally {
      removeDataDir(dataDir);
    }
  });
});
