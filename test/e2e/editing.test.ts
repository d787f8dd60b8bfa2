import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { focusedField, nodeIds, nodeSelector, selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, openScenario, useEditorSession } from './helpers/editor-session.ts';
import { edge, trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

/** Keyboard shortcuts go to the canvas, not to a focused input. */
async function focusCanvas(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
}

describe.skipIf(!CHROMIUM)('editing on the canvas', () => {
  let session: EditorSession;
  // A step that waits fails after 15 s naming its locator, within the tests' own time.
  useEditorSession((opened) => (session = opened), 15_000);

  it('undoes and redoes adding a node and editing a field (Ctrl+Z / Ctrl+Shift+Z)', async () => {
    const { page } = session;
    await openScenario(session, { nodes: [trigger('start')], edges: [] });
    await selectNode(page, 'start');
    // Keyboard only: with the trigger selected, Enter on a palette item adds a linked node below it.
    await page.locator('.palette-item[data-node-type="wait"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => nodeIds(page).then((ids) => ids.length)).toBe(2);
    // React Flow draws an edge once both of its nodes are measured: a frame after the node appears.
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);

    await focusCanvas(page);
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeIds(page).then((ids) => ids.length)).toBe(1);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => nodeIds(page).then((ids) => ids.length)).toBe(2);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);

    await selectNode(page, 'start');
    await page.getByLabel('Event type').fill('purchase');
    await expect
      .poll(() => page.locator(`${nodeSelector('start')} .node-title`).textContent())
      .toContain('purchase');
    await focusCanvas(page);
    await page.keyboard.press('Control+z');
    await expect
      .poll(() => page.locator(`${nodeSelector('start')} .node-title`).textContent())
      .toContain('signup');
    await page.keyboard.press('Control+Shift+z');
    await expect
      .poll(() => page.locator(`${nodeSelector('start')} .node-title`).textContent())
      .toContain('purchase');
  });

  it('copies, pastes and deletes a selection', async () => {
    const { page } = session;
    await openScenario(session, {
      nodes: [trigger('start'), webhook('hook', { url: 'https://example.com/a' })],
      edges: [edge('start', 'hook')],
    });
    await selectNode(page, 'hook');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => nodeIds(page).then((ids) => ids.length)).toBe(3);
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeIds(page).then((ids) => ids.length)).toBe(2);
    expect(await nodeIds(page)).toEqual(['start', 'hook']);
  });

  it('lists validation issues; clicking one selects the node and focuses the field', async () => {
    const { page } = session;
    await openScenario(session, {
      nodes: [trigger('start'), webhook('hook', { url: '' })],
      edges: [edge('start', 'hook')],
    });
    await page.getByRole('button', { name: 'Validate' }).click();
    const issue = page.locator('.issues-panel .issue').filter({ hasText: 'URL' });
    await issue.waitFor();
    await screenshot(page, '06-validation-issues');
    await issue.click();
    await page.locator('.inspector .node-id:text-is("hook")').waitFor();
    await expect.poll(() => focusedField(page)).toBe('config.url');
    expect(session.pageErrors).toEqual([]);
  });

  // Its editor steps and a real send through the server: slow when CI runs many files at once.
  it(
    'lays the graph out automatically and renders the webhook test request',
    { timeout: 45_000 },
    async () => {
      const { page, sink } = session;
      await openScenario(session, {
        nodes: [
          trigger('start'),
          webhook(
            'hook',
            { url: `${sink.url}/test`, body: '{"hello": "{{ customer.first_name }}"}' },
            { x: 600, y: 20 },
          ),
        ],
        edges: [edge('start', 'hook')],
      });
      const before = await page.locator(nodeSelector('hook')).boundingBox();
      await page.getByRole('button', { name: 'Auto-layout' }).click();
      await expect
        .poll(async () => (await page.locator(nodeSelector('hook')).boundingBox())?.y)
        .not.toBe(before?.y);
      await selectNode(page, 'hook');
      await page.getByRole('button', { name: 'Test webhook' }).click();
      const rendered = page.getByLabel('Rendered request');
      await rendered.waitFor();
      expect(await rendered.textContent()).toContain('"hello": "Ada"');
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.getByLabel('Response').waitFor();
      await page.getByLabel('Response').scrollIntoViewIfNeeded();
      const [received] = await sink.waitFor(1);
      expect(JSON.parse(received!.body)).toEqual({ hello: 'Ada' });
      await screenshot(page, '07-test-webhook');
    },
  );
});
