import { describe, expect, it } from 'vitest';
import { edge, triggerNode } from '../integration/helpers/scenarios.ts';
import { serverWithSink, waitForRun } from '../integration/helpers/test-server.ts';

const TOKEN = '00000000-cafe-4bad-b0ba-000000000042';
const LIBRARY_ID = 'lib:cm-telecom-bulk-sms';

/**
 * The CM Telecom preset took the product token as a plain [[ parameter ]]: it was stored in the
 * scenario, its versions and exports. It now goes in a Headers integration (X-CM-PRODUCTTOKEN,
 * as CM.com recommends), added at send time, and activation asks for one.
 */
describe('the CM Telecom product token is a secret of an integration', () => {
  const context = serverWithSink();

  const scenario = (preset: { id: string; version: number }, integrationId?: string) => ({
    nodes: [
      triggerNode('start', 'order'),
      {
        id: 'sms',
        type: 'webhook',
        config: {
          preset,
          parameters: { sender: 'Shop', content: 'Your order shipped' },
          ...(integrationId ? { integrationId } : {}),
        },
      },
    ],
    edges: [edge('start', 'sms')],
  });

  it('asks for the token through nothing but an integration, and refuses activation without one', async () => {
    const { server } = context;
    const library = (await server.api('GET', `/api/presets/${LIBRARY_ID}`)).body;
    const names = library.parameters.map((parameter: { name: string }) => parameter.name);
    expect(names.sort()).toEqual(['content', 'sender']);
    expect(library.definition.webhook.body).not.toMatch(/producttoken|product_token/i);
    expect(library.definition.credentials).toMatchObject({ type: 'headers', headers: ['X-CM-PRODUCTTOKEN'] });

    const created = await server.api('POST', '/api/scenarios', {
      name: 'SMS',
      definition: scenario({ id: LIBRARY_ID, version: 1 }),
    });
    const activated = await server.api('POST', `/api/scenarios/${created.body.id}/activate`);
    expect(activated.status).toBe(400);
    expect(activated.body.error.issues).toEqual([
      {
        nodeId: 'sms',
        field: 'config.integrationId',
        message: expect.stringMatching(
          /^CM Telecom bulk SMS sends your CM\.com product token .*through an integration: choose a headers integration with the secret header X-CM-PRODUCTTOKEN for https:\/\/gw\.messaging\.cm\.com\/v1\.0$/,
        ),
      },
    ]);
  });

  it('sends the token as X-CM-PRODUCTTOKEN at send time, and no scenario, version, export or history holds it', async () => {
    const { server, sink } = context;
    // The library request, pointed at the sink (a copy, as "Start from a template" makes).
    const library = (await server.api('GET', `/api/presets/${LIBRARY_ID}`)).body.definition;
    const { slug: _slug, sample: _sample, id: _id, version: _version, ...definition } = library;
    const preset = await server.api('POST', '/api/presets', {
      ...definition,
      name: 'CM Telecom (test)',
      webhook: {
        ...definition.webhook,
        url: `${sink.url}/v1.0/message`,
        batch: { ...definition.webhook.batch, windowMs: 0 },
      },
    });
    expect(preset.status).toBe(201);
    const integration = await server.api('POST', '/api/integrations', {
      name: 'CM.com',
      type: 'headers',
      endpointPrefix: `${sink.url}/v1.0`,
      headers: [{ key: 'X-CM-PRODUCTTOKEN', value: TOKEN, secret: true }],
    });
    expect(integration.status).toBe(201);
    await server.api('PUT', '/api/customers/c-1', { user_phone_number: '+31600000001' });
    const created = await server.api('POST', '/api/scenarios', {
      name: 'SMS',
      definition: scenario({ id: preset.body.id, version: 1 }, integration.body.id),
    });
    const activated = await server.api('POST', `/api/scenarios/${created.body.id}/activate`);
    expect(activated.status).toBe(200);

    const sent = await server.api('POST', '/api/events', { customer_id: 'c-1', type: 'order' });
    const runId = sent.body.events[0].runIds[0];
    const [request] = await sink.waitFor(1);
    expect(request!.headers['x-cm-producttoken']).toBe(TOKEN);
    const body = JSON.parse(request!.body);
    expect(body.messages.msg[0]).toMatchObject({ from: 'Shop', to: [{ number: '+31600000001' }] });
    expect(body.messages.authentication).toBeUndefined();
    const run = await waitForRun(server, runId, (found) => found.status === 'completed');

    const deliveryId = run.steps.find((step: { detail: { deliveryId?: string } }) => step.detail.deliveryId)
      ?.detail.deliveryId;
    expect(deliveryId).toBeDefined();
    const stored = [
      await server.api('GET', `/api/deliveries/${deliveryId}`),
      await server.api('GET', `/api/scenarios/${created.body.id}`),
      await server.api('GET', `/api/scenarios/${created.body.id}/versions/1`),
      await server.api('GET', '/api/presets/export'),
      await server.api('GET', `/api/integrations/${integration.body.id}`),
      { body: run },
    ];
    for (const answer of stored) expect(JSON.stringify(answer.body)).not.toContain(TOKEN);
  });
});
