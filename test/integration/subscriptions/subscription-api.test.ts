import { describe, expect, it } from 'vitest';
import { serverWithSink } from '../helpers/test-server.ts';

describe('the subscriptions API', () => {
  const context = serverWithSink({ shared: true });
  const api = (...args: Parameters<typeof context.server.api>) => context.server.api(...args);

  it('creates, lists, reads, replaces and deletes a subscription, defaults filled in', async () => {
    const created = await api('POST', '/api/subscriptions', {
      name: 'Data warehouse',
      url: 'https://dw.example.com/hookflow',
      events: [{ type: 'webhook.delivered', channels: ['sms', 'whatsapp'] }, { type: 'customer.created' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^sub_/),
      integrationId: null,
      enabled: true,
      settings: { externalMessageIdRequired: false, timeoutMs: 5000, flushSeconds: 0 },
      health: { consecutiveFailures: 0, disabledAt: null, skipped: 0 },
    });
    expect(created.body.events[1].channels).toHaveLength(8);
    const { id } = created.body;
    expect((await api('GET', '/api/subscriptions')).body.items.map((s: any) => s.id)).toContain(id);
    expect((await api('GET', `/api/subscriptions/${id}`)).body).toEqual(created.body);
    const replaced = await api('PUT', `/api/subscriptions/${id}`, {
      name: 'DW',
      url: 'https://dw.example.com/v2',
      events: [],
      enabled: false,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id,
      name: 'DW',
      events: [],
      enabled: false,
      createdAt: created.body.createdAt,
    });
    expect((await api('DELETE', `/api/subscriptions/${id}`)).status).toBe(204);
    expect((await api('GET', `/api/subscriptions/${id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/subscriptions/${id}`)).status).toBe(404);
  });

  it('refuses plain http to a host the operator did not list, and accepts it to a listed one', async () => {
    const refused = await api('POST', '/api/subscriptions', {
      name: 'x',
      url: 'http://hooks.example.com/in',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(
      /^url: http:\/\/hooks\.example\.com\/in is plain http: use https.*HOOKFLOW_EGRESS_ALLOW/,
    );
    expect(refused.body.error.issues).toEqual([{ field: 'url', message: expect.any(String) }]);
    const listed = await api('POST', '/api/subscriptions', { name: 'x', url: `${context.sink.url}/in` });
    expect(listed.status).toBe(201);
  });

  it('refuses a written-out address the egress policy refuses, whatever the scheme', async () => {
    const response = await api('POST', '/api/subscriptions', { name: 'x', url: 'https://169.254.169.254/x' });
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([
      {
        field: 'url',
        message: expect.stringMatching(/can never be called: 169\.254\.169\.254 is a link-local/),
      },
    ]);
  });

  it('refuses a URL that is not http(s), naming the field', async () => {
    const response = await api('POST', '/api/subscriptions', { name: 'x', url: 'ftp://files.example.com' });
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0]).toMatchObject({ field: 'url' });
  });

  it('refuses a custom template that does not render JSON, with the entry and the position', async () => {
    const response = await api('POST', '/api/subscriptions', {
      name: 'x',
      url: 'https://x.example.com',
      events: [{ type: 'run.completed' }, { type: 'run.failed', template: '{\n  "run": "{{ run_id }}"\n}' }],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([
      {
        field: 'events[1].template',
        message: expect.stringMatching(/not valid JSON at line 2, column 12 of the output/),
      },
    ]);
  });

  it('previews a template on a sample event and customer: null where data is missing, the position of a syntax error', async () => {
    const good = await api('POST', '/api/subscriptions/preview', {
      type: 'run.failed',
      template: '{"why": {{ error_message }}, "who": {{ customer.email }}, "plan": {{ customer.plan }}}',
    });
    expect(good.status).toBe(200);
    expect(good.body.issue).toBeNull();
    expect(JSON.parse(good.body.body)).toEqual({
      why: 'HTTP 503 (gave up after 5 attempts)',
      who: 'ada@example.com',
      plan: null,
    });

    const byDefault = await api('POST', '/api/subscriptions/preview', { type: 'scenario.activated' });
    expect(JSON.parse(byDefault.body.body)).toEqual({
      event: 'scenario.activated',
      time: expect.any(Number),
      properties: { scenario_id: 'scn_0a1b2c', scenario_name: 'Welcome', version: 3 },
    });

    const broken = await api('POST', '/api/subscriptions/preview', {
      type: 'run.failed',
      template: '{"why": {{ error_message }',
    });
    expect(broken.body).toEqual({
      body: null,
      issue: { message: expect.stringContaining('does not render'), line: 1, column: expect.any(Number) },
    });

    const notJson = await api('POST', '/api/subscriptions/preview', {
      type: 'run.failed',
      template: '{"a": x}',
    });
    expect(notJson.body).toEqual({
      body: '{"a": x}',
      issue: { message: expect.stringMatching(/not valid JSON at line 1/) },
    });

    const unknown = await api('POST', '/api/subscriptions/preview', { type: 'run.exploded' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0].field).toBe('type');
  });

  it('refuses an integration that does not exist or whose prefix does not cover the URL', async () => {
    const missing = await api('POST', '/api/subscriptions', {
      name: 'x',
      url: 'https://x.example.com/in',
      integrationId: 'int_nope',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues).toEqual([
      { field: 'integrationId', message: 'integration "int_nope" does not exist' },
    ]);
    const integration = await api('POST', '/api/integrations', {
      name: 'Receiver',
      type: 'bearer',
      token: 'secret-token-value',
      endpointPrefix: 'https://x.example.com/hooks',
    });
    const outside = await api('POST', '/api/subscriptions', {
      name: 'x',
      url: 'https://x.example.com/other',
      integrationId: integration.body.id,
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toMatch(
      /outside the endpoint prefix https:\/\/x\.example\.com\/hooks/,
    );
    const inside = await api('POST', '/api/subscriptions', {
      name: 'x',
      url: 'https://x.example.com/hooks/events',
      integrationId: integration.body.id,
    });
    expect(inside.status).toBe(201);
    expect(JSON.stringify(inside.body)).not.toContain('secret-token-value');
  });

  it('refuses unknown event types and channels', async () => {
    const response = await api('POST', '/api/subscriptions', {
      name: 'x',
      url: 'https://x.example.com',
      events: [{ type: 'webhook.sent', channels: ['fax'] }, { type: 'message.open' }],
    });
    expect(response.status).toBe(400);
    const fields = response.body.error.issues.map((issue: any) => issue.field);
    expect(fields).toEqual(['events[0].channels[0]', 'events[1].type']);
  });
});
