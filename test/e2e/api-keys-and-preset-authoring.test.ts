import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, openEditorSession, openScenario } from './helpers/editor-session.ts';
import { trigger } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

/** Status of a call to the test server with `key`. */
const statusWith = (url: string, key: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  }).then((response) => response.status);

describe.skipIf(!CHROMIUM)('API keys and preset authoring in the browser', () => {
  let session: EditorSession;

  beforeAll(async () => {
    session = await openEditorSession();
    session.page.setDefaultTimeout(5000);
    // Revoke and delete ask for confirmation.
    session.page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await session?.close();
  });

  it('creates an API key, shows it once, and revokes it', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/settings/api-keys`);
    await page.getByText('No named keys yet').waitFor();
    await page.getByRole('button', { name: 'New API key' }).click();
    await page.getByLabel('Name').fill('Shop events');
    await page.getByLabel(/Ingest/).check();
    await screenshot(page, '30-api-key-new');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.locator('.generated-secret');
    await shown.waitFor();
    const key = (await shown.getByTestId('one-time-secret').textContent()) ?? '';
    expect(key).toMatch(/^hk_[\w-]{43}$/);
    expect(await shown.textContent()).toContain('shown only this once');
    await shown.getByRole('button', { name: 'Copy' }).waitFor();
    const row = page.locator('tr', { hasText: 'Shop events' });
    await row.waitFor();
    expect(await row.textContent()).toContain(`${key.slice(0, 7)}…`);
    expect(await row.textContent()).toContain('ingest');
    await screenshot(page, '31-api-key-shown-once');

    const event = { customer_id: 'c-1', type: 'nothing' };
    expect(await statusWith(`${server.url}/api/events`, key, { method: 'POST', body: event })).toBe(202);
    expect(await statusWith(`${server.url}/api/scenarios`, key)).toBe(403);
    await shown.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    await row.waitFor();
    expect(await row.textContent()).not.toContain('Never');
    expect(await page.content()).not.toContain(key);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No named keys yet').waitFor();
    expect(await statusWith(`${server.url}/api/events`, key, { method: 'POST', body: event })).toBe(401);
    expect(session.pageErrors).toEqual([]);
  });

  it('authors a preset, finds it in the canvas presets panel, and keeps its versions', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/settings/presets`);
    await page.getByText('No presets yet').waitFor();
    await page.getByRole('button', { name: 'New preset' }).click();
    const form = page.getByRole('form', { name: 'Preset' });
    await form.getByLabel('Name', { exact: true }).fill('Order shipped');
    await form.getByLabel('Category').fill('Shipping');
    await form.getByLabel('Description').fill('Tells the warehouse an order left.');
    await form
      .getByLabel('URL template')
      .fill('https://warehouse.example.com/[[ region : enum(eu, us) = eu ]]/ship');
    await form.getByRole('button', { name: 'Add header' }).click();
    await form.getByLabel('Header 1 name').fill('X-Order');
    await form.getByLabel('Header 1 value').fill('[[ order_ref ]]');
    const helpRows = form.locator('.parameter-help tbody tr');
    await expect.poll(() => helpRows.count()).toBe(3);
    await form.getByLabel('Help text of region').fill('Warehouse region');
    await form.getByLabel('Help text of message').fill('Note for the packer');
    await form.getByLabel('Help text of order_ref').fill('Order number from the shop');
    await screenshot(page, '32-preset-authoring-parameters');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '32-preset-authoring');
    await form.getByRole('button', { name: 'Create preset' }).click();
    const row = page.locator('tr', { hasText: 'Order shipped' });
    await row.waitFor();
    expect(await row.textContent()).toContain('v1');

    const { body } = await server.api('GET', '/api/presets');
    const created = body.items.find((item: { name: string }) => item.name === 'Order shipped');
    expect(created.definition).toMatchObject({
      category: 'Shipping',
      description: 'Tells the warehouse an order left.',
      webhook: { headers: [{ key: 'X-Order', value: '[[ order_ref ]]' }] },
      parameters: {
        region: 'Warehouse region',
        message: 'Note for the packer',
        order_ref: 'Order number from the shop',
      },
    });
    expect(created.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      'message',
      'order_ref',
      'region',
    ]);

    // A second version, then its history.
    await row.getByRole('button', { name: 'Edit' }).click();
    await form.getByLabel('Description').fill('Tells the warehouse an order left, with its region.');
    await form.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('Saved Order shipped as version 2.').waitFor();
    await row.getByRole('button', { name: 'Versions' }).click();
    const drawer = page.getByRole('complementary', { name: 'Versions of Order shipped' });
    await drawer.locator('.version-list li').nth(1).waitFor();
    expect(await drawer.getByLabel('Changes').textContent()).toContain('with its region');
    await screenshot(page, '33-preset-versions');
    await drawer.getByRole('button', { name: 'Close versions' }).click();
    await screenshot(page, '34-presets-list');

    await openScenario(session, { nodes: [trigger('start', 'signup')], edges: [] });
    await page.getByRole('tab', { name: 'Presets' }).click();
    const item = page.locator(`[data-preset-id="${created.id}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('Order shipped');
    expect(await item.textContent()).toContain('v2');
    await screenshot(page, '35-authored-preset-in-panel');
    expect(session.pageErrors).toEqual([]);
  });

  it('refuses to save a preset whose template does not compile, and says where', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/settings/presets`);
    await page.getByRole('button', { name: 'New preset' }).click();
    const form = page.getByRole('form', { name: 'Preset' });
    await form.getByLabel('Name', { exact: true }).fill('Broken');
    await form.getByLabel('URL template').fill('https://example.com/{{ customer.id ');
    await form.getByRole('button', { name: 'Create preset' }).click();
    await form.locator('[data-field="webhook.url"] .field-error').waitFor();
    expect(await form.getByRole('alert').last().textContent()).toContain('Fix the fields marked above');
    await form.getByRole('button', { name: 'Cancel' }).click();
    const { body } = await server.api('GET', '/api/presets');
    expect(body.items.map((item: { name: string }) => item.name)).not.toContain('Broken');
  });

  it('exports presets to a file and imports them again', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/settings/presets`);
    const row = page.locator('tr', { hasText: 'Order shipped' });
    await row.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export all' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('hookflow-presets.json');
    const file = join(server.dataDir, 'exported-presets.json');
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported).toMatchObject({ format: 'hookflow-presets', version: 1 });
    expect(exported.presets.map((preset: any) => preset.definition.name)).toEqual(['Order shipped']);

    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No presets yet').waitFor();
    await page.getByLabel('Import presets file').setInputFiles(file);
    await page.getByText(/Imported 1 preset from exported-presets.json/).waitFor();
    await row.waitFor();
    const { body } = await server.api('GET', '/api/presets');
    expect(body.items[0].definition).toEqual(exported.presets[0].definition);

    const notJson = join(server.dataDir, 'notes.json');
    writeFileSync(notJson, 'not json at all');
    await page.getByLabel('Import presets file').setInputFiles(notJson);
    await page.getByText('notes.json is not a JSON file').waitFor();
    await screenshot(page, '36-presets-import');
    expect(session.pageErrors).toEqual([]);
  });

  it('shows who activated each scenario version', async () => {
    const { page, server } = session;
    const created = await server.api('POST', '/api/api-keys', { name: 'Marketing team' });
    const key = created.body.key as string;
    const as = (method: string, path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then((response) => response.json());
    const scenario = await as('POST', '/api/scenarios', {
      name: 'Authored',
      definition: { nodes: [trigger('start', 'signup')], edges: [] },
    });
    expect((await as('POST', `/api/scenarios/${scenario.id}/activate`)).version.author).toBe(
      'Marketing team',
    );
    await server.api('PATCH', `/api/scenarios/${scenario.id}`, {
      definition: {
        nodes: [trigger('start', 'signup'), trigger('again', 'login', { x: 300, y: 0 })],
        edges: [],
      },
    });
    expect((await server.api('POST', `/api/scenarios/${scenario.id}/activate`)).status).toBe(200);
    await page.goto(`${server.url}/#/`);
    await page.locator('tr', { hasText: 'Authored' }).getByRole('button', { name: 'Versions' }).click();
    const drawer = page.getByRole('complementary', { name: /Versions of Authored/ });
    const v2 = drawer.locator('[data-version="2"]');
    await v2.waitFor();
    expect(await v2.textContent()).toContain('admin key');
    expect(await v2.textContent()).toContain('1 node added');
    expect(await drawer.locator('[data-version="1"]').textContent()).toContain('Marketing team');
    expect(await drawer.locator('.draft-author').textContent()).toContain('admin key');
    await v2.getByRole('button', { name: 'Diff with v1' }).click();
    expect(await drawer.getByLabel('Differences').textContent()).toContain(
      'on “login” (Event trigger) added',
    );
    await screenshot(page, '37-versions-who-changed');
    expect(session.pageErrors).toEqual([]);
  });
});
