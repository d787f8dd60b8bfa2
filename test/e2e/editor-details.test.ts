import { describe, expect, it } from 'vitest';
import { dropNode, nodeSelector, selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, useEditorSession, openScenario } from './helpers/editor-session.ts';
import { edge, trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

describe.skipIf(!CHROMIUM)('editor details', () => {
  let session: EditorSession;

  useEditorSession((opened) => (session = opened), 6000);

  it('opens a node dropped into a live scenario on Configure, not on its (empty) recent runs', async () => {
    const { page, server } = session;
    const id = await openScenario(session, {
      nodes: [trigger('start'), webhook('hook', { url: 'https://example.com/a' })],
      edges: [edge('start', 'hook')],
    });
    await server.api('POST', `/api/scenarios/${id}/activate`);
    await page.reload();
    await page.locator(nodeSelector('hook')).waitFor();
    const dropped = await dropNode(page, 'wait', { x: 600, y: 400 });
    await page.locator(`.inspector .node-id:text-is("${dropped}")`).waitFor();
    expect(await page.getByRole('tab', { name: 'Configure' }).getAttribute('aria-selected')).toBe('true');
    await page.getByLabel('Wait for').waitFor();
  });

  it("shows a duplicated node's problems at once, like its original's", async () => {
    const { page } = session;
    await openScenario(session, {
      nodes: [
        trigger('start'),
        webhook('hook', { url: 'https://example.com/a', body: '{"a": {{ customer.id }' }),
      ],
      edges: [edge('start', 'hook')],
    });
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.locator(`${nodeSelector('hook')} .node-card.has-issues`).waitFor();
    await selectNode(page, 'hook');
    await page.getByRole('button', { name: 'Duplicate node' }).click();
    const copy = (await page.locator('.inspector .node-id').textContent()) ?? '';
    expect(copy).not.toBe('hook');
    await page.locator(`${nodeSelector(copy)} .node-card.has-issues`).waitFor();
    expect(await page.getByRole('tab', { name: 'Payload' }).getAttribute('class')).toContain('has-error');
  });

  it('rings the node that has the keyboard focus', async () => {
    const { page } = session;
    await openScenario(session, {
      nodes: [trigger('start'), webhook('hook', { url: 'https://example.com/a' })],
      edges: [edge('start', 'hook')],
    });
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    let focused = false;
    for (let presses = 0; presses < 30 && !focused; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(
        () => document.activeElement?.classList.contains('react-flow__node') ?? false,
      );
    }
    expect(focused).toBe(true);
    const ring = await page.evaluate(() => {
      const card = document.activeElement!.querySelector('.node-card')!;
      const style = getComputedStyle(card);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring).toEqual({ style: 'solid', width: '2px' });
    await screenshot(page, '74-node-keyboard-focus');
  });

  it('keeps the presets table within its page', async () => {
    const { page, server } = session;
    for (const name of ['Order shipped notification for the warehouse team', 'Refund']) {
      await server.api('POST', '/api/presets', {
        name,
        category: 'Notifications and alerts',
        webhook: {
          method: 'POST',
          url: `https://hooks.example.com/services/T00000000/B00000000/${'x'.repeat(60)}?channel=[[ channel ]]`,
          body: '{}',
        },
      });
    }
    await page.goto(`${server.url}/#/settings/presets`);
    await page.locator('tr', { hasText: 'Refund' }).waitFor();
    for (const width of [1280, 1024, 800]) {
      await page.setViewportSize({ width, height: 800 });
      const fits = await page.evaluate(() => {
        const right = (element: Element) => Math.round(element.getBoundingClientRect().right);
        const buttons = [...document.querySelectorAll('.presets-page td.row-actions .btn')];
        return {
          table: right(document.querySelector('.presets-page table')!),
          page: right(document.querySelector('.presets-page .page-head')!),
          lastButton: Math.max(...buttons.map(right)),
          buttons: buttons.length,
        };
      });
      expect(fits.buttons, `at ${width} px`).toBe(8);
      expect(fits.table, `at ${width} px`).toBeLessThanOrEqual(fits.page);
      expect(fits.lastButton, `at ${width} px`).toBeLessThanOrEqual(fits.table);
      await screenshot(page, `75-presets-table-fits-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('starts a batch customer template from a real example, and offers one when it is emptied', async () => {
    const { page } = session;
    await openScenario(session, {
      nodes: [trigger('start'), webhook('hook', { url: 'https://example.com/bulk', body: '' })],
      edges: [edge('start', 'hook')],
    });
    await selectNode(page, 'hook');
    await page.getByRole('tab', { name: 'Payload' }).click();
    await page.getByLabel('Batch webhook').check();
    const template = page.locator('[data-field="config.batch.customerTemplate"] .cm-content');
    await expect.poll(() => template.textContent()).toContain('customer.user_phone_number');
    expect(await page.locator('[data-field="config.batch.customerTemplate"] .cm-placeholder').count()).toBe(
      0,
    );
    await template.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.getByTestId('batch-customerTemplate-error').waitFor();
    expect(await page.locator('[data-field="config.batch.customerTemplate"] .cm-placeholder').count()).toBe(
      0,
    );
    await screenshot(page, '76-batch-template-empty');
    await page.getByRole('button', { name: 'Insert an example' }).click();
    await expect.poll(() => template.textContent()).toContain('customer.user_phone_number');
    await page.getByTestId('batch-customerTemplate-error').waitFor({ state: 'detached' });
  });

  it('colours [[ parameters ]] calmly, also inside a JSON string', async () => {
    const { page } = session;
    await openScenario(session, {
      nodes: [
        trigger('start'),
        webhook('hook', { url: 'https://example.com/a', body: '{"note": "[[ note ]]"}' }),
      ],
      edges: [edge('start', 'hook')],
    });
    await selectNode(page, 'hook');
    await page.getByRole('tab', { name: 'Payload' }).click();
    const param = page.locator('[data-field="config.body"] .cm-nj-param').first();
    await param.waitFor();
    const colours = await param.evaluate((mark) =>
      [mark, ...mark.querySelectorAll('*')].map((part) => getComputedStyle(part).color),
    );
    expect(new Set(colours)).toEqual(new Set(['rgb(14, 116, 144)']));
    await screenshot(page, '77-parameter-colour');
  });

  it('builds the test sample from the fields the scenario reads', async () => {
    const { page } = session;
    await openScenario(session, {
      nodes: [
        trigger('start', 'order'),
        {
          id: 'pro',
          type: 'condition',
          position: { x: 0, y: 160 },
          config: { rules: [{ field: 'customer.plan', criteria: 'equals', value: 'pro', join: 'and' }] },
        },
        webhook(
          'hook',
          {
            url: 'https://example.com/a',
            body: '{"plan": "{{ customer.plan }}", "total": "{{ event.properties.total }}"}',
          },
          { x: 0, y: 320 },
        ),
      ],
      edges: [edge('start', 'pro'), edge('pro', 'hook', 'yes')],
    });
    await selectNode(page, 'hook');
    const sample = JSON.parse(await page.getByLabel('Sample data').inputValue());
    expect(sample.customer).toMatchObject({ plan: 'pro', email: 'ada@example.com' });
    expect(sample.event).toEqual({ type: 'order', properties: { total: 'sample total' } });
    await page.getByRole('button', { name: 'Test webhook' }).click();
    const request = page.getByRole('region', { name: 'Rendered request' });
    await expect.poll(() => request.textContent()).toContain('"plan": "pro"');
  });

  it('asks for the CM Telecom integration in the node, never for the token', async () => {
    const { page } = session;
    await openScenario(session, {
      nodes: [
        trigger('start'),
        {
          id: 'sms',
          type: 'webhook',
          position: { x: 0, y: 160 },
          config: { preset: { id: 'lib:cm-telecom-bulk-sms', version: 1 }, parameters: {} },
        },
      ],
      edges: [edge('start', 'sms')],
    });
    await selectNode(page, 'sms');
    const note = page.getByTestId('credentials-needed');
    await note.waitFor();
    expect(await note.textContent()).toContain('X-CM-PRODUCTTOKEN');
    expect(await page.locator('.inspector').textContent()).not.toMatch(/product_token/);
    await screenshot(page, '78-cm-telecom-needs-integration');
    expect(session.pageErrors).toEqual([]);
  });
});
