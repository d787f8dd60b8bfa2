import { describe, expect, it } from 'vitest';
import { countsOf, nodeSelector, selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, useEditorSession } from './helpers/editor-session.ts';
import { edge, trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';
import { waitForRun } from '../integration/helpers/test-server.ts';

describe.skipIf(!CHROMIUM)('publishing changes and the counts of every version', () => {
  let session: EditorSession;
  let scenarioId = '';

  useEditorSession((opened) => (session = opened));

  const send = async (customer: string) => {
    const sent = await session.server.api('POST', '/api/events', { customer_id: customer, type: 'signup' });
    await waitForRun(session.server, sent.body.events[0].runIds[0], (run) => run.status === 'completed');
  };

  it('offers nothing to publish until the draft differs from the live version', async () => {
    const { page, server, sink } = session;
    const created = await server.api('POST', '/api/scenarios', {
      name: 'Publish',
      definition: {
        nodes: [trigger('start'), webhook('hook', { url: `${sink.url}/v1`, body: '{}' })],
        edges: [edge('start', 'hook')],
      },
    });
    scenarioId = created.body.id;
    await server.api('POST', `/api/scenarios/${scenarioId}/activate`);
    await send('c-1');
    await page.goto(`${server.url}/#/scenarios/${scenarioId}`);
    await page.locator(nodeSelector('hook')).waitFor();
    const publish = page.locator('.toolbar-actions .btn.primary');
    await expect.poll(() => publish.textContent()).toContain('No changes to publish');
    expect(await publish.isDisabled()).toBe(true);
    await screenshot(page, '65-nothing-to-publish');

    await selectNode(page, 'hook');
    await page.getByRole('tab', { name: 'Configure' }).click();
    await page.getByLabel('URL').fill(`${sink.url}/v2`);
    await expect.poll(() => publish.textContent()).toContain('Publish changes');
    expect(await publish.isDisabled()).toBe(false);
    await publish.click();
    await page.getByText('Version 2 is live').waitFor();
    await expect.poll(() => publish.textContent()).toContain('No changes to publish');
    const versions = await server.api('GET', `/api/scenarios/${scenarioId}/versions`);
    expect(versions.body.items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
  });

  it('keeps counting runs of the earlier version after publishing, and filters by version', async () => {
    const { page } = session;
    // The v1 run is still counted: badges no longer go blank when v2 goes live.
    await expect.poll(() => countsOf(page, 'hook')).toMatch(/1\s*in/);
    await send('c-2');
    await expect.poll(() => countsOf(page, 'hook'), { timeout: 8000 }).toMatch(/2\s*in/);
    await screenshot(page, '66-counts-all-versions');

    await page.getByLabel('Counts of').selectOption('1');
    await expect.poll(() => countsOf(page, 'hook')).toMatch(/^1\s*in/);
    await page.getByRole('tab', { name: 'Recent runs' }).click();
    const runs = page.locator('.node-run');
    await expect.poll(() => runs.count()).toBe(1);
    expect(await runs.first().textContent()).toContain('c-1');
    expect(await runs.first().textContent()).toContain('v1');

    await page.getByLabel('Counts of').selectOption('2');
    await expect.poll(() => runs.first().textContent()).toContain('c-2');
    expect(await runs.count()).toBe(1);
    await page.getByLabel('Counts of').selectOption('');
    await expect.poll(() => runs.count()).toBe(2);
    await screenshot(page, '67-counts-of-one-version');
    expect(session.pageErrors).toEqual([]);
  });
});
