import { describe, expect, it } from 'vitest';
import { edge, triggerNode } from './helpers/scenarios.ts';
import {
  activeScenario,
  makeDataDir,
  removeDataDir,
  serverWithSink,
  startTestServer,
  waitForRun,
} from './helpers/test-server.ts';

const CANARY = 'preset-canary-91f2';

describe('webhook presets', () => {
  const context = serverWithSink();

  const presetBody = (body: string, extra: Record<string, unknown> = {}) => ({
    name: 'Order notifier',
    description: 'Tells the shop system about an order',
    webhook: { method: 'POST', url: `${context.sink.url}/orders/[[ shop : string ]]`, body },
    parameters: { shop: 'Shop code', tone: 'Wording' },
    ...extra,
  });

  const scenarioFrom = (preset: { id: string; version: number }, parameters: Record<string, unknown>) => ({
    nodes: [triggerNode('start', 'order'), { id: 'notify', type: 'webhook', config: { preset, parameters } }],
    edges: [edge('start', 'notify')],
  });

  const sendOrder = async (customer: string) => {
    const sent = await context.server.api('POST', '/api/events', { customer_id: customer, type: 'order' });
    return waitForRun(context.server, sent.body.events[0].runIds[0], (run) => run.status === 'completed');
  };

  it('lists the template library with each preset parameter and its help', async () => {
    const listed = await context.server.api('GET', '/api/presets');
    expect(listed.body.library.map((preset: any) => preset.id)).toContain('lib:slack-incoming-webhook');
    const slack = await context.server.api('GET', '/api/presets/lib:slack-incoming-webhook');
    expect(slack.body.parameters.map((parameter: any) => [parameter.name, parameter.type])).toEqual([
      ['webhook_url', 'string'],
      ['text', 'text'],
    ]);
    expect(slack.body.parameters[0].help).toMatch(/incoming webhook URL/);
    expect(
      (await context.server.api('PUT', '/api/presets/lib:slack-incoming-webhook', presetBody('{}'))).status,
    ).toBe(409);
  });

  it('runs a node made from a preset with only its parameters filled, pinned to its version', async () => {
    const created = await context.server.api(
      'POST',
      '/api/presets',
      presetBody('{"v":1,"tone":"[[ tone : enum(warm, plain) ]]","c":"{{ customer.id }}"}'),
    );
    expect(created.status).toBe(201);
    expect(created.body.parameters.map((parameter: any) => parameter.name)).toEqual(['shop', 'tone']);
    const scenarioId = await activeScenario(
      context.server,
      scenarioFrom({ id: created.body.id, version: 1 }, { shop: 'eu', tone: 'warm' }),
    );
    await sendOrder('o1');
    expect(context.sink.received[0]!.url).toBe('/orders/eu');
    expect(context.sink.received[0]!.body).toBe('{"v":1,"tone":"warm","c":"o1"}');

    const updated = await context.server.api(
      'PUT',
      `/api/presets/${created.body.id}`,
      presetBody('{"v":2,"c":"{{ customer.id }}"}'),
    );
    expect(updated.body.version).toBe(2);
    expect((await context.server.api('POST', `/api/scenarios/${scenarioId}/activate`)).status).toBe(200);
    await sendOrder('o2');
    expect(context.sink.received[1]!.body).toBe('{"v":1,"tone":"warm","c":"o2"}');

    await context.server.api('PATCH', `/api/scenarios/${scenarioId}`, {
      definition: scenarioFrom({ id: created.body.id, version: 2 }, { shop: 'us' }),
    });
    expect((await context.server.api('POST', `/api/scenarios/${scenarioId}/activate`)).status).toBe(200);
    await sendOrder('o3');
    expect(context.sink.received[2]!.url).toBe('/orders/us');
    expect(context.sink.received[2]!.body).toBe('{"v":2,"c":"o3"}');
    const versions = await context.server.api('GET', `/api/presets/${created.body.id}/versions`);
    expect(versions.body.items.map((item: any) => item.version)).toEqual([2, 1]);
  });

  it('validates a draft with preset nodes the way activation will run it', async () => {
    const created = await context.server.api('POST', '/api/presets', presetBody('{}'));
    const draft = scenarioFrom({ id: created.body.id, version: 1 }, {});
    const validation = await context.server.api('POST', '/api/scenarios/validate', draft);
    expect(validation.body.ok).toBe(false);
    expect(validation.body.issues).toEqual([
      { nodeId: 'notify', field: 'config.parameters.shop', message: 'parameter "shop" needs a value' },
    ]);
    const filled = await context.server.api(
      'POST',
      '/api/scenarios/validate',
      scenarioFrom({ id: created.body.id, version: 1 }, { shop: 'x' }),
    );
    expect(filled.body).toEqual({ ok: true, issues: [] });
  });

  it('refuses activation when a preset parameter is missing or the version is unknown', async () => {
    const created = await context.server.api('POST', '/api/presets', presetBody('{}'));
    const missing = await context.server.api('POST', '/api/scenarios', {
      name: 'missing',
      definition: scenarioFrom({ id: created.body.id, version: 1 }, {}),
    });
    const refused = await context.server.api('POST', `/api/scenarios/${missing.body.id}/activate`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toContainEqual(
      expect.objectContaining({ nodeId: 'notify', field: 'config.parameters.shop' }),
    );
    const unknown = await context.server.api('POST', '/api/scenarios', {
      name: 'unknown',
      definition: scenarioFrom({ id: created.body.id, version: 9 }, { shop: 'x' }),
    });
    const refusedVersion = await context.server.api('POST', `/api/scenarios/${unknown.body.id}/activate`);
    expect(refusedVersion.body.error.issues[0]).toMatchObject({
      field: 'config.preset',
      message: expect.stringMatching(/no version 9/),
    });
  });

  it('exports without integration ids or secrets and imports into a fresh instance as needing credentials', async () => {
    const integration = await context.server.api('POST', '/api/integrations', {
      name: 'shop api',
      type: 'bearer',
      endpointPrefix: context.sink.url,
      token: CANARY,
    });
    const created = await context.server.api(
      'POST',
      '/api/presets',
      presetBody('{}', { integrationId: integration.body.id }),
    );
    const exported = await context.server.api('GET', `/api/presets/export?ids=${created.body.id}`);
    expect(exported.status).toBe(200);
    const text = JSON.stringify(exported.body);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(integration.body.id);
    expect(exported.body.presets[0]).toMatchObject({
      needsCredentials: true,
      definition: { name: 'Order notifier' },
    });

    const otherDir = makeDataDir();
    const other = await startTestServer(otherDir);
    try {
      const imported = await other.api('POST', '/api/presets/import', exported.body);
      expect(imported.status).toBe(201);
      expect(imported.body.items[0]).toMatchObject({
        name: 'Order notifier',
        needsCredentials: true,
        version: 1,
      });
      expect(imported.body.items[0].definition.integrationId).toBeUndefined();
      const all = await other.api('GET', '/api/presets/export');
      expect(all.body.presets).toHaveLength(1);
      const bad = await other.api('POST', '/api/presets/import', { format: 'something-else', presets: [] });
      expect(bad.status).toBe(400);
    } finally {
      await other.close();
      removeDataDir(otherDir);
    }
  });

  it('refuses a preset whose integration does not exist', async () => {
    const response = await context.server.api(
      'POST',
      '/api/presets',
      presetBody('{}', { integrationId: 'int_missing' }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/integration "int_missing" does not exist/);
  });
});
