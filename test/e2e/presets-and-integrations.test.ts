import { describe, expect, it } from 'vitest';
import { connect, nodeIds, nodeSelector } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, useEditorSession, openScenario } from './helpers/editor-session.ts';
import { trigger } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

const TOKEN = 'tok-secret-never-shown-123';

describe.skipIf(!CHROMIUM)('presets and authentication integrations in the browser', () => {
  let session: EditorSession;

  useEditorSession((opened) => (session = opened), 5000);

  it('creates a bearer integration whose token never reappears in the form', async () => {
    const { page, server, sink } = session;
    await page.goto(`${server.url}/#/settings/integrations`);
    await page.getByRole('button', { name: 'New integration' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Sink API');
    await page.getByLabel('Endpoint prefix').fill(sink.url);
    await page.getByLabel('Token', { exact: true }).fill(TOKEN);
    await page.getByLabel('Path under the prefix').fill('/me');
    await page.getByRole('button', { name: 'Create' }).click();
    const row = page.locator('tr', { hasText: 'Sink API' });
    await row.waitFor();

    await row.getByRole('button', { name: 'Test credentials' }).click();
    await expect.poll(() => row.getByTestId('integration-test-result').textContent()).toMatch(/OK/);
    const [call] = await sink.waitFor(1);
    expect(call!.url).toBe('/me');
    expect(call!.headers.authorization).toBe(`Bearer ${TOKEN}`);

    await row.getByRole('button', { name: 'Edit' }).click();
    expect(await page.getByLabel('Token', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Token', { exact: true }).getAttribute('placeholder')).toContain(
      'unchanged',
    );
    expect(await page.content()).not.toContain(TOKEN);
    await screenshot(page, '13-integration-edit');
    // Saving without touching the token keeps it.
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'New integration' }).waitFor();
    await row.getByRole('button', { name: 'Test credentials' }).click();
    await sink.waitFor(2);
    expect(sink.received[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(await page.content()).not.toContain(TOKEN);
    await screenshot(page, '14-integrations-list');
    expect(session.pageErrors).toEqual([]);
  });

  it('shows a generated signing secret once, with a copy button', async () => {
    const { page, sink } = session;
    await page.getByRole('button', { name: 'New integration' }).click();
    await page.getByLabel('Type').selectOption('signed');
    await page.getByLabel('Name', { exact: true }).fill('Signed sink');
    await page.getByLabel('Endpoint prefix').fill(sink.url);
    await page.getByRole('button', { name: 'Create' }).click();
    const shown = page.locator('.generated-secret');
    await shown.waitFor();
    const secret = (await shown.locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await shown.getByRole('button', { name: 'Copy' }).waitFor();
    await screenshot(page, '16-generated-secret');
    await shown.getByRole('button', { name: 'Done' }).click();
    await page.locator('tr', { hasText: 'Signed sink' }).getByRole('button', { name: 'Edit' }).click();
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('keeps a secret header by its name, and asks for secrets again when the prefix moves host', async () => {
    const { page, server, sink } = session;
    const created = await server.api('POST', '/api/integrations', {
      name: 'Header API',
      type: 'headers',
      endpointPrefix: sink.url,
      headers: [
        { key: 'X-Client', value: 'hookflow', secret: false },
        { key: 'X-Token', value: TOKEN, secret: true },
      ],
    });
    expect(created.status).toBe(201);
    await page.reload();
    const row = page.locator('tr', { hasText: 'Header API' });
    await row.getByRole('button', { name: 'Edit' }).click();
    const value = (index: number) => page.getByLabel(`Header ${index} value`);
    // Removing the row above moves X-Token to row 1: its stored secret moves with it.
    await page.getByRole('button', { name: 'Remove header 1' }).click();
    expect(await value(1).getAttribute('placeholder')).toContain('unchanged');
    await page.getByLabel('Header 1 name').fill('X-Renamed');
    expect(await value(1).getAttribute('placeholder')).not.toContain('unchanged');
    await page.getByLabel('Header 1 name').fill('X-Token');
    const port = Number(new URL(sink.url).port);
    await page.getByLabel('Endpoint prefix').fill(`http://127.0.0.1:${port === 1 ? 2 : port - 1}`);
    expect(await value(1).getAttribute('placeholder')).not.toContain('unchanged');
    expect(await value(1).getAttribute('title')).toMatch(/enter it again/);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/headers\[0\]\.value: the endpoint prefix moved from .* enter secret header X-Token again/);
    await screenshot(page, '53-integration-prefix-moved');
    await page.getByLabel('Endpoint prefix').fill(sink.url);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'New integration' }).waitFor();
    const saved = await server.api('GET', `/api/integrations/${created.body.id}`);
    expect(saved.body.settings.headers).toEqual([{ key: 'X-Token', value: '••••••••', secret: true }]);
    expect(await page.content()).not.toContain(TOKEN);
    expect(session.pageErrors).toEqual([]);
  });

  it('saves a signed integration without re-entering its secret', async () => {
    const { page } = session;
    await page.locator('tr', { hasText: 'Signed sink' }).getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Signed sink 2');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('tr', { hasText: 'Signed sink 2' }).waitFor();
  });

  it('drops a library preset, fills its parameter, test-renders, activates and delivers', async () => {
    const { page, server, sink } = session;
    const scenarioId = await openScenario(session, { nodes: [trigger('start', 'signup')], edges: [] });
    await page.getByRole('tab', { name: 'Presets' }).click();
    await page.locator('[data-preset-id="lib:generic-json"]').waitFor();
    await screenshot(page, '17-presets-panel');
    const batch = page.locator('[data-preset-id="lib:cm-telecom-bulk-sms"]');
    expect(await batch.getAttribute('draggable')).toBe('true');
    expect(await batch.locator('.badge').textContent()).toBe('batch');
    await page.getByLabel('Search presets').fill('generic json');
    const item = page.locator('[data-preset-id="lib:generic-json"]');
    await item.waitFor();
    const before = new Set(await nodeIds(page));
    await item.dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 340, y: 560 } });
    await expect.poll(async () => (await nodeIds(page)).length).toBe(before.size + 1);
    const hook = (await nodeIds(page)).find((id) => !before.has(id))!;
    await expect
      .poll(() => page.locator(`${nodeSelector(hook)} .node-title`).textContent())
      .toContain('Generic JSON webhook');
    await connect(page, { node: 'start', handle: 'out' }, hook);
    await page.locator(`${nodeSelector(hook)} .node-title`).click();

    const inspector = page.locator('.inspector');
    await inspector.getByText('Generic JSON webhook').first().waitFor();
    expect(await inspector.getByRole('tab', { name: 'Payload' }).count()).toBe(0);
    await inspector.getByLabel('url', { exact: true }).fill(`${sink.url}/preset-hook`);
    await inspector
      .getByLabel('Authentication')
      .locator('option', { hasText: 'Sink API' })
      .waitFor({ state: 'attached' });
    await inspector.getByRole('button', { name: 'Test webhook' }).click();
    await expect
      .poll(() => inspector.locator('[aria-label="Rendered request"]').textContent())
      .toContain('/preset-hook');
    await screenshot(page, '15-preset-node');

    await expect
      .poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), { timeout: 5000 })
      .toBe('saved');
    const saved = await server.api('GET', `/api/scenarios/${scenarioId}`);
    const node = saved.body.definition.nodes.find((candidate: { id: string }) => candidate.id === hook);
    expect(node.config).toEqual({
      preset: { id: 'lib:generic-json', version: 1 },
      parameters: { url: `${sink.url}/preset-hook` },
    });

    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Version 1 is live').waitFor();
    const received = sink.received.length;
    await server.api('POST', '/api/events', [{ customer_id: 'c-preset', type: 'signup' }]);
    const requests = await sink.waitFor(received + 1, 5000);
    const delivered = requests.find((request) => request.url === '/preset-hook')!;
    expect(JSON.parse(delivered.body)).toMatchObject({
      customer: { id: 'c-preset' },
      event: { type: 'signup' },
    });
    expect(session.pageErrors).toEqual([]);
  });

  it('offers to move a node to the newer version of its preset', async () => {
    const { page, server, sink } = session;
    const definition = (body: string) => ({
      name: 'Team ping',
      category: 'Team',
      description: 'Pings the team endpoint.',
      parameters: { channel: 'Channel name' },
      webhook: { method: 'POST', url: `${sink.url}/ping`, body, format: 'json' },
    });
    const created = await server.api('POST', '/api/presets', definition('{"channel": "[[ channel ]]"}'));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await server.api('PUT', `/api/presets/${id}`, definition('{"channel": "[[ channel ]]", "v": 2}'));
    const node = {
      id: 'ping',
      type: 'webhook',
      position: { x: 0, y: 160 },
      config: { preset: { id, version: 1 }, parameters: { channel: 'ops' } },
    };
    const scenarioId = await openScenario(session, {
      nodes: [trigger('start', 'signup'), node],
      edges: [{ id: 'e1', source: 'start', target: 'ping', sourceHandle: 'out' }],
    });
    await page.locator(`${nodeSelector('ping')} .node-title`).click();
    const inspector = page.locator('.inspector');
    await inspector.getByText('Newer version available: v2').waitFor();
    expect(await inspector.getByLabel('channel', { exact: true }).inputValue()).toBe('ops');
    await screenshot(page, '18-preset-update');
    await inspector.getByRole('button', { name: 'Update to v2' }).click();
    await expect
      .poll(() => page.locator(`${nodeSelector('ping')} .node-title`).textContent())
      .toContain('Team ping · v2');
    await expect
      .poll(async () => {
        const saved = await server.api('GET', `/api/scenarios/${scenarioId}`);
        return saved.body.definition.nodes.find((candidate: { id: string }) => candidate.id === 'ping')
          .config;
      })
      .toEqual({ preset: { id, version: 2 }, parameters: { channel: 'ops' } });
    expect(session.pageErrors).toEqual([]);
  });
});
