import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, useEditorSession, openScenario } from './helpers/editor-session.ts';
import { edge, trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

describe.skipIf(!CHROMIUM)('preset bodies are checked, and imports ask about names taken', () => {
  let session: EditorSession;

  useEditorSession((opened) => (session = opened), 6000);

  it('marks a preset body that is not JSON and refuses to save it', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/settings/presets`);
    await page.getByRole('button', { name: 'New preset' }).click();
    const form = page.getByRole('form', { name: 'Preset' });
    await form.getByLabel('Name', { exact: true }).fill('Half a body');
    await form.getByLabel('URL template').fill('https://api.example.com/notes');
    const body = form.locator('[data-field="webhook.body"] .cm-content');
    await body.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('{"note": "[[ note ]]", "to": {{ customer.id | tojson }}');
    const error = form.locator('[data-field="webhook.body"] .field-error');
    await expect.poll(() => error.textContent(), { timeout: 6000 }).toMatch(/the body is not valid JSON/);
    await screenshot(page, '68-preset-body-not-json');
    await form.getByRole('button', { name: 'Create preset' }).click();
    await form.getByRole('alert').last().waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect((await server.api('GET', '/api/presets')).body.items).toEqual([]);
  });

  it("marks a node's payload that can never be JSON as it is typed", async () => {
    const { page } = session;
    await openScenario(session, {
      nodes: [trigger('start'), webhook('hook', { url: 'https://api.example.com/a', body: '{"a": 1,}' })],
      edges: [edge('start', 'hook')],
    });
    await selectNode(page, 'hook');
    await page.getByRole('tab', { name: /Payload/ }).click();
    const error = page.locator('.inspector [data-field="config.body"] .field-error');
    await expect.poll(() => error.textContent(), { timeout: 6000 }).toMatch(/the body is not valid JSON/);
  });

  it('asks what an imported preset named like an existing one becomes', async () => {
    const { page, server, sink } = session;
    const created = await server.api('POST', '/api/presets', {
      name: 'Order notifier',
      webhook: { method: 'POST', url: `${sink.url}/orders`, body: '{"v": 1}' },
    });
    const exported = (await server.api('GET', `/api/presets/export?ids=${created.body.id}`)).body;
    exported.presets[0].definition.webhook.body = '{"v": 2}';
    const file = join(server.dataDir, 'orders.json');
    writeFileSync(file, JSON.stringify(exported));
    await page.goto(`${server.url}/#/settings/presets`);
    await page.locator('tr', { hasText: 'Order notifier' }).waitFor();

    await page.getByLabel('Import presets file').setInputFiles(file);
    const clashes = page.getByRole('region', { name: 'Presets that already exist' });
    await clashes.waitFor();
    expect(await clashes.textContent()).toContain('A preset of orders.json already exists here');
    await screenshot(page, '69-import-clash');
    await clashes.getByLabel('What Order notifier becomes').selectOption('skip');
    await clashes.getByRole('button', { name: 'Import' }).click();
    await page.getByText(/Imported 0 presets from orders.json \(1 skipped\)/).waitFor();

    await page.getByLabel('Import presets file').setInputFiles(file);
    await clashes.getByLabel('What Order notifier becomes').selectOption('keep-both');
    await clashes.getByRole('button', { name: 'Import' }).click();
    await page.locator('tr', { hasText: 'Order notifier (2)' }).waitFor();

    await page.getByLabel('Import presets file').setInputFiles(file);
    // New version of the existing one is offered first.
    await clashes.getByRole('button', { name: 'Import' }).click();
    await page.getByText(/Imported 1 preset from orders.json \(1 as a new version\)/).waitFor();
    const existing = (await server.api('GET', `/api/presets/${created.body.id}`)).body;
    expect(existing).toMatchObject({ version: 2, definition: { webhook: { body: '{"v": 2}' } } });
    const names = (await server.api('GET', '/api/presets')).body.items.map(
      (item: { name: string }) => item.name,
    );
    expect(names.sort()).toEqual(['Order notifier', 'Order notifier (2)']);
    await screenshot(page, '70-import-as-new-version');
    expect(session.pageErrors).toEqual([]);
  });
});
