import { describe, expect, it } from 'vitest';
import { serverWithSink } from '../integration/helpers/test-server.ts';

const preset = (body: string, format = 'json') => ({
  name: 'Order notifier',
  webhook: { method: 'POST', url: 'https://api.example.com/orders', format, body },
});

/**
 * A preset whose JSON body could never parse used to be saved as version 1 without a word; every
 * node made from it then failed at its first run. Presets are now judged as nodes are.
 */
describe('a preset body is judged like a node body', () => {
  const context = serverWithSink({ shared: true });

  it('refuses a JSON body that cannot parse, naming webhook.body, and stores nothing', async () => {
    const { server } = context;
    const refused = await server.api('POST', '/api/presets', preset('{"text": "[[ message ]]",\n "to": 1'));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect(refused.body.error.message).toMatch(
      /^preset "Order notifier" cannot be saved: webhook\.body: the body is not valid JSON/,
    );
    expect(refused.body.error.issues).toEqual([
      { field: 'webhook.body', message: expect.stringMatching(/^the body is not valid JSON/) },
    ]);
    expect((await server.api('GET', '/api/presets')).body.items).toEqual([]);
  });

  it('accepts expressions and parameters wherever a value may stand, and leaves tags to the render', async () => {
    const { server } = context;
    const bodies = [
      '{"id": {{ customer.id | tojson }}, "n": [[ n : number ]], "hi": "Hi {{ customer.name }} [[ tone ]]"}',
      '[{% for item in event.properties.items %}{{ item | tojson }}{% if not loop.last %},{% endif %}{% endfor %}]',
      '',
    ];
    for (const body of bodies) {
      const created = await server.api('POST', '/api/presets', preset(body));
      expect(created.status, body).toBe(201);
    }
    const xml = await server.api(
      'POST',
      '/api/presets',
      preset('<note><to>{{ customer.id }}</to></note>', 'xml'),
    );
    expect(xml.status).toBe(201);
  });

  it('refuses malformed XML and a template that does not compile, and a new version of either', async () => {
    const { server } = context;
    const xml = await server.api('POST', '/api/presets', preset('<note><to>{{ customer.id }}</note>', 'xml'));
    expect(xml.status).toBe(400);
    expect(xml.body.error.issues[0]).toMatchObject({
      field: 'webhook.body',
      message: expect.stringMatching(/not well-formed XML/),
    });
    const broken = await server.api('POST', '/api/presets', preset('{"a": {{ customer.id }'));
    expect(broken.body.error.issues[0]).toMatchObject({
      field: 'webhook.body',
      message: expect.stringMatching(/^template error/),
    });

    const created = await server.api('POST', '/api/presets', preset('{"v": 1}'));
    const updated = await server.api('PUT', `/api/presets/${created.body.id}`, preset('{"v": 2'));
    expect(updated.status).toBe(400);
    expect((await server.api('GET', `/api/presets/${created.body.id}`)).body.version).toBe(1);
  });

  it('refuses an import holding one preset that cannot be sent, importing none of the file', async () => {
    const { server } = context;
    const before = (await server.api('GET', '/api/presets')).body.items.length;
    const imported = await server.api('POST', '/api/presets/import', {
      format: 'hookflow-presets',
      version: 1,
      presets: [
        { definition: { ...preset('{"fine": true}'), name: 'Fine' } },
        { definition: preset('{"v": ') },
      ],
    });
    expect(imported.status).toBe(400);
    expect(imported.body.error.issues[0].field).toBe('presets.1.definition.webhook.body');
    expect((await server.api('GET', '/api/presets')).body.items).toHaveLength(before);
  });

  it('reports a node body that cannot parse at validation, and the live check gives its line and column', async () => {
    const { server } = context;
    const validated = await server.api('POST', '/api/scenarios/validate', {
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventType: 'signup' } },
        { id: 'hook', type: 'webhook', config: { url: 'https://api.example.com', body: '{"a": 1,}' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'hook', sourceHandle: 'out' }],
    });
    expect(validated.body.issues).toEqual([
      { nodeId: 'hook', field: 'config.body', message: expect.stringMatching(/^the body is not valid JSON/) },
    ]);
    const checked = await server.api('POST', '/api/templates/check', {
      sources: { 'config.body': '{\n  "a": 1,\n}' },
      format: 'json',
    });
    expect(checked.body.issues).toEqual([
      expect.objectContaining({ field: 'config.body', line: 3, column: 1 }),
    ]);
  });
});
