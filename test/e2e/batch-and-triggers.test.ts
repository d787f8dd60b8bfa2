import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dropNode, nodeSelector, selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, openEditorSession } from './helpers/editor-session.ts';
import { screenshot } from './helpers/screenshots.ts';

/** Replaces the whole text of the code editor inside a field, as a user selecting all and typing. */
async function typeTemplate(page: Page, field: string, text: string): Promise<void> {
  await page.locator(`[data-field="${field}"] .cm-content`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

async function savedNode(session: EditorSession, scenarioId: string, nodeId: string) {
  await expect
    .poll(() => session.page.locator('[data-save-state]').getAttribute('data-save-state'), { timeout: 5000 })
    .toBe('saved');
  const saved = await session.server.api('GET', `/api/scenarios/${scenarioId}`);
  return saved.body.definition.nodes.find((node: { id: string }) => node.id === nodeId);
}

describe.skipIf(!CHROMIUM)('launch hooks, schedules and batch webhooks in the browser', () => {
  let session: EditorSession;
  let scenarioId = '';
  const ids = { hook: '', webhook: '' };

  beforeAll(async () => {
    session = await openEditorSession();
    // Fail on the step that waits, with its locator, rather than on the test's timeout.
    session.page.setDefaultTimeout(8000);
    await session.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: session.server.url,
    });
    const created = await session.server.api('POST', '/api/scenarios', {
      name: 'Bulk SMS on demand',
      definition: { nodes: [], edges: [] },
    });
    scenarioId = created.body.id;
    await session.page.goto(`${session.server.url}/#/scenarios/${scenarioId}`);
    await session.page.locator('.react-flow__pane').waitFor();
  });
  afterAll(async () => {
    expect(session?.pageErrors).toEqual([]);
    await session?.close();
  });

  it('builds a launch hook by its form: audience, allowed hosts, and its URL once saved', async () => {
    const { page } = session;
    ids.hook = await dropNode(page, 'trigger.hook', { x: 340, y: 80 });
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Rule 1 field').fill('customer.favorite_color');
    await page.getByLabel('Rule 1 value').fill('red');
    await page.getByRole('button', { name: 'Add host' }).click();
    await page.getByLabel('Allowed host 1', { exact: true }).fill('203.0.113.0/24');

    const node = await savedNode(session, scenarioId, ids.hook);
    expect(node.config).toMatchObject({
      audience: { rules: [{ field: 'customer.favorite_color', criteria: 'equals', value: 'red' }] },
      allowedHosts: ['203.0.113.0/24'],
    });

    // The URL comes from GET /api/scenarios/:id/hooks once the draft holding the node is saved.
    const hooks = await session.server.api('GET', `/api/scenarios/${scenarioId}/hooks`);
    const listed = hooks.status === 200 && hooks.body.hooks?.some((hook: any) => hook.nodeId === ids.hook);
    if (listed) {
      const url = page.getByLabel('Launch hook URL');
      await url.waitFor({ timeout: 8000 });
      expect(await url.inputValue()).toMatch(/\/hooks\/[\w-]{16,}$/);
      await page.getByRole('button', { name: 'Copy hook URL' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await url.inputValue());
      await page.getByRole('button', { name: 'Copy example POST call' }).click();
      const post = await page.evaluate(() => navigator.clipboard.readText());
      expect(post).toContain('"set_variables_values": "magenta"');
      expect(post).toContain(await url.inputValue());

      const before = await url.inputValue();
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Rotate URL' }).click();
      await expect.poll(() => url.inputValue()).not.toBe(before);
      expect(await url.inputValue()).toMatch(/\/hooks\/[\w-]{16,}$/);
    } else {
      // Without the hooks endpoint (or before the save reaches it) the form says how to get a URL.
      await page.getByTestId('hook-url-absent').waitFor();
      expect(await page.getByTestId('hook-url-absent').textContent()).toContain(
        'Save the scenario to get its URL',
      );
    }
    expect(await page.locator(`${nodeSelector(ids.hook)} .node-title`).textContent()).toContain(
      '1 audience rule',
    );
    await screenshot(page, '30-launch-hook-form');
  });

  it('switches a webhook to batch mode, with root and customer templates checked inline', async () => {
    const { page } = session;
    ids.webhook = await dropNode(page, 'webhook', { x: 340, y: 300 });
    await connect(page, { node: ids.hook, handle: 'out' }, ids.webhook);
    await selectNode(page, ids.webhook);
    await page.getByLabel('URL').fill('https://gw.messaging.cm.com/v1.0/message');
    await page.getByRole('tab', { name: 'Payload' }).click();
    await page.getByLabel('Batch webhook').check();
    await page.locator('[data-field="config.batch.customerTemplate"] .cm-content').waitFor();
    expect(await page.getByText('Root template — once per batch').count()).toBe(1);

    await typeTemplate(page, 'config.batch.customerTemplate', '{ "number": {{ customer.phone | tojson }');
    const error = page.getByTestId('batch-customerTemplate-error');
    await error.waitFor({ timeout: 5000 });
    expect(await error.textContent()).toMatch(/expected variable end|unexpected/i);
    expect(await page.getByRole('tab', { name: 'Payload' }).getAttribute('class')).toContain('has-error');
    await expect
      .poll(() => page.locator('[data-field="config.batch.customerTemplate"] .cm-lintRange-error').count())
      .toBeGreaterThan(0);
    await screenshot(page, '31-batch-customer-template-error');

    await page.keyboard.type('} }');
    await error.waitFor({ state: 'detached', timeout: 5000 });
    await typeTemplate(
      page,
      'config.body',
      '{"messages": {"msg": [{"to": [{% output customers separated by "," %}], "count": {{ customers | length }}}]}}',
    );
    expect(await page.getByTestId('body-error').count()).toBe(0);

    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Batch size').fill('500');
    await page.getByLabel('Batching window (s)').fill('2');
    await expect
      .poll(() => page.locator(`${nodeSelector(ids.webhook)}`).textContent())
      .toContain('batch ×500');
    await screenshot(page, '32-batch-settings');

    const node = await savedNode(session, scenarioId, ids.webhook);
    expect(node.config.batch).toEqual({
      customerTemplate: '{ "number": {{ customer.phone | tojson }} }',
      size: 500,
      windowMs: 2000,
    });
    expect(node.config.body).toContain('{% output customers separated by "," %}');
    await page.getByRole('tab', { name: 'Payload' }).click();
    await screenshot(page, '33-batch-payload');

    // Test webhook renders a sample batch of two customers through both templates.
    await page.getByRole('button', { name: 'Test webhook' }).click();
    const rendered = page.getByLabel('Rendered request');
    await rendered.waitFor();
    const text = (await rendered.textContent()) ?? '';
    // The view pretty-prints JSON, so look for the parts.
    expect(text).toContain('"number": "+447700900001"');
    expect(text).toContain('"number": "+447700900002"');
    expect(text).toContain('"count": 2');
    await rendered.scrollIntoViewIfNeeded();
    await screenshot(page, '34-batch-test-webhook');
  });

  it('turning batch off keeps the customer template as the single body', async () => {
    const { page } = session;
    await page.getByLabel('Batch webhook').uncheck();
    await page.locator('[data-field="config.batch.customerTemplate"]').waitFor({ state: 'detached' });
    const node = await savedNode(session, scenarioId, ids.webhook);
    expect(node.config.batch).toBeUndefined();
    expect(node.config.body).toBe('{ "number": {{ customer.phone | tojson }} }');
    // One undo step brings batch mode and both templates back.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.locator('[data-field="config.batch.customerTemplate"]').waitFor();
    expect(await page.getByLabel('Batch webhook').isChecked()).toBe(true);
  });

  it('schedules a trigger on a cron rhythm in a time zone and shows the next runs', async () => {
    const { page } = session;
    const id = await dropNode(page, 'trigger.schedule', { x: 620, y: 80 });
    await selectNode(page, id);
    await page.getByLabel('Cron expression').fill('30 8 * * 1');
    await page.getByLabel('Time zone').selectOption('Europe/Paris');
    const hint = page.getByTestId('cron-next-runs');
    await hint.waitFor();
    expect(await hint.textContent()).toMatch(/^Next: Mon, .*08:30 · Mon, .*08:30 · Mon, .*08:30$/);
    await screenshot(page, '34-schedule-cron');

    await page.getByRole('radio', { name: 'Once' }).click();
    await page.getByLabel('Time zone').selectOption('America/New_York');
    await page.getByLabel('Send at').fill('2030-07-01T09:15');
    let node = await savedNode(session, scenarioId, id);
    expect(node.config.schedule).toEqual({ mode: 'once', at: '2030-07-01T09:15:00-04:00' });
    await page.getByLabel('Time zone').selectOption('UTC');
    node = await savedNode(session, scenarioId, id);
    expect(node.config.schedule).toEqual({ mode: 'once', at: '2030-07-01T09:15:00+00:00' });
    await screenshot(page, '35-schedule-once');
  });

  it('shows the batch templates of a batch preset read-only', async () => {
    const { page, server } = session;
    const created = await server.api('POST', '/api/scenarios', {
      name: 'Preset batch',
      definition: {
        nodes: [
          { id: 'start', type: 'trigger.hook', position: { x: 0, y: 0 }, config: {} },
          {
            id: 'sms',
            type: 'webhook',
            position: { x: 0, y: 180 },
            config: { preset: { id: 'lib:cm-telecom-bulk-sms', version: 1 }, parameters: {} },
          },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'sms', sourceHandle: 'out' }],
      },
    });
    expect(created.status).toBe(201);
    await page.goto(`${server.url}/#/scenarios/${created.body.id}`);
    await page.locator(nodeSelector('sms')).waitFor();
    await expect.poll(() => page.locator(nodeSelector('sms')).textContent()).toContain('batch ×1000');
    await selectNode(page, 'sms');
    const view = page.getByTestId('preset-batch-templates');
    await view.waitFor();
    const customer = view.getByLabel('Preset customer template');
    await customer.waitFor();
    expect(await customer.getAttribute('aria-readonly')).toBe('true');
    const before = await customer.textContent();
    expect(before).toContain('customer.user_phone_number');
    await customer.click();
    await page.keyboard.type('typed');
    expect(await customer.textContent()).toBe(before);
    expect(await view.getByLabel('Preset root template').textContent()).toContain(
      'output customers separated by',
    );
    await screenshot(page, '36-preset-batch-read-only');
  });
});
