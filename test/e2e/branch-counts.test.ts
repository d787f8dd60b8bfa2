import { describe, expect, it } from 'vitest';
import { nodeSelector, selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, useEditorSession } from './helpers/editor-session.ts';
import { edge, trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';
import { purchaseEvents } from '../integration/helpers/scenarios.ts';
import { waitForRun } from '../integration/helpers/test-server.ts';

describe.skipIf(!CHROMIUM)('customers per branch on the canvas', () => {
  let session: EditorSession;

  useEditorSession((opened) => (session = opened));

  it('shows on every edge how many customers took it and their share, and which way each went', async () => {
    const { page, server, sink } = session;
    const created = await server.api('POST', '/api/scenarios', {
      name: 'Branches',
      definition: {
        nodes: [
          trigger('start', 'purchase', { x: 0, y: 0 }),
          {
            id: 'big',
            type: 'condition',
            position: { x: 0, y: 170 },
            config: {
              rules: [
                { field: 'event.properties.amount', criteria: 'greater_than', value: 100, join: 'and' },
              ],
            },
          },
          webhook('vip', { url: `${sink.url}/vip`, body: '{}' }, { x: -200, y: 360 }),
          { id: 'done', type: 'end', position: { x: 220, y: 360 }, config: {} },
        ],
        edges: [edge('start', 'big'), edge('big', 'vip', 'yes'), edge('big', 'done', 'no')],
      },
    });
    const scenarioId = created.body.id;
    expect((await server.api('POST', `/api/scenarios/${scenarioId}/activate`)).status).toBe(200);
    const amounts = { ada: 500, bob: 250, cid: 20, dan: 900 };
    const sent = await server.api('POST', '/api/events', purchaseEvents(amounts));
    for (const event of sent.body.events)
      await waitForRun(server, event.runIds[0], (run) => run.status === 'completed');

    await page.goto(`${server.url}/#/scenarios/${scenarioId}`);
    await page.locator(nodeSelector('big')).waitFor();
    const label = (id: string) => page.locator(`[data-testid="edge-count"][data-edge="${id}"]`);
    await expect.poll(() => label('big-yes-vip').textContent()).toBe('375%');
    expect(await label('big-no-done').textContent()).toBe('125%');
    expect(await label('big-yes-vip').getAttribute('title')).toBe('3 customers took yes (75% of 4)');
    // A single way out shows the count alone.
    expect(await label('start-out-big').textContent()).toBe('4');
    await screenshot(page, '80-branch-counts');

    await selectNode(page, 'big');
    await page.getByRole('tab', { name: 'Recent runs' }).click();
    const rows = page.locator('.node-run');
    await expect.poll(() => rows.count()).toBe(4);
    const ways = await rows.evaluateAll((items) =>
      items.map((item) => [
        item.querySelector('.mono')?.textContent,
        item.querySelector('.branch-chip')?.textContent,
      ]),
    );
    expect(Object.fromEntries(ways)).toEqual({ ada: '→ yes', bob: '→ yes', cid: '→ no', dan: '→ yes' });
    await screenshot(page, '81-condition-runs-say-which-way');
    expect(session.pageErrors).toEqual([]);
  });
});
