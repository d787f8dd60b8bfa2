import { describe, expect, it } from 'vitest';
import { serverWithSink } from '../integration/helpers/test-server.ts';

/**
 * Importing an exported preset that already exists used to create a look-alike twin silently.
 * A clash of names now asks: a new version of the existing one, keep both, or skip.
 */
describe('importing a preset whose name is taken', () => {
  const context = serverWithSink();

  const setUp = async () => {
    const { server, sink } = context;
    const integration = await server.api('POST', '/api/integrations', {
      name: 'Shop API',
      type: 'bearer',
      endpointPrefix: sink.url,
      token: 'token-0123456789',
    });
    const created = await server.api('POST', '/api/presets', {
      name: 'Order notifier',
      integrationId: integration.body.id,
      webhook: { method: 'POST', url: `${sink.url}/orders`, body: '{"v": 1}' },
    });
    const exported = (await server.api('GET', `/api/presets/export?ids=${created.body.id}`)).body;
    return { id: created.body.id as string, integrationId: integration.body.id as string, exported };
  };
  const names = async () =>
    (await context.server.api('GET', '/api/presets')).body.items.map((item: { name: string }) => item.name);

  it('refuses with 409 naming each clash when nothing says what to do, and writes nothing', async () => {
    const { exported } = await setUp();
    const imported = await context.server.api('POST', '/api/presets/import', exported);
    expect(imported.status).toBe(409);
    expect(imported.body.error.code).toBe('conflict');
    expect(imported.body.error.issues).toEqual([
      {
        field: 'presets.0',
        message: 'a preset named "Order notifier" exists (version 1): choose new-version, keep-both or skip',
      },
    ]);
    expect(await names()).toEqual(['Order notifier']);
  });

  it('skips it, or keeps both under a free name that needs credentials', async () => {
    const { server } = context;
    const { exported } = await setUp();
    const skipped = await server.api('POST', '/api/presets/import', {
      ...exported,
      resolutions: { 0: 'skip' },
    });
    expect(skipped.status).toBe(201);
    expect(skipped.body.outcomes).toMatchObject([{ index: 0, outcome: 'skipped', name: 'Order notifier' }]);
    expect(await names()).toEqual(['Order notifier']);

    const both = await server.api('POST', '/api/presets/import', { ...exported, onConflict: 'keep-both' });
    expect(both.body.outcomes).toMatchObject([
      { outcome: 'created', name: 'Order notifier (2)', version: 1 },
    ]);
    expect(both.body.items[0]).toMatchObject({ name: 'Order notifier (2)', needsCredentials: true });
    const third = await server.api('POST', '/api/presets/import', { ...exported, onConflict: 'keep-both' });
    expect(third.body.outcomes[0].name).toBe('Order notifier (3)');
  });

  it('saves it as the next version of the existing one, keeping the credentials chosen here', async () => {
    const { server, sink } = context;
    const { id, integrationId, exported } = await setUp();
    const unchanged = await server.api('POST', '/api/presets/import', {
      ...exported,
      resolutions: { 0: 'new-version' },
    });
    expect(unchanged.body.outcomes).toMatchObject([{ outcome: 'unchanged', id, version: 1 }]);

    await server.api('PUT', `/api/presets/${id}`, {
      name: 'Order notifier',
      integrationId,
      webhook: { method: 'POST', url: `${sink.url}/orders`, body: '{"v": 2}' },
    });
    const restored = await server.api('POST', '/api/presets/import', {
      ...exported,
      resolutions: { 0: 'new-version' },
    });
    expect(restored.status).toBe(201);
    expect(restored.body.outcomes).toMatchObject([{ outcome: 'new-version', id, version: 3 }]);
    const preset = (await server.api('GET', `/api/presets/${id}`)).body;
    expect(preset).toMatchObject({ version: 3, needsCredentials: false });
    expect(preset.definition).toMatchObject({ integrationId, webhook: { body: '{"v": 1}' } });
    expect(await names()).toEqual(['Order notifier']);
  });

  it('gives two presets of one file with the same name two names', async () => {
    const { server } = context;
    const definition = { name: 'Ping', webhook: { method: 'POST', url: 'https://example.com', body: '{}' } };
    const imported = await server.api('POST', '/api/presets/import', {
      format: 'hookflow-presets',
      version: 1,
      presets: [{ definition }, { definition }],
    });
    expect(imported.body.outcomes.map((outcome: { name: string }) => outcome.name)).toEqual([
      'Ping',
      'Ping (2)',
    ]);
  });
});
