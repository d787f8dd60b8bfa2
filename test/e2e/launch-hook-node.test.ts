import { describe, expect, it } from 'vitest';
import { nodeSelector, selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, useEditorSession, openScenario } from './helpers/editor-session.ts';
import { edge, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

describe.skipIf(!CHROMIUM)('a launch hook node on the canvas', () => {
  let session: EditorSession;
  let scenarioId = '';

  useEditorSession((opened) => (session = opened));

  it('sets its delay and turns it off and on from the inspector', async () => {
    const { page, server, sink } = session;
    scenarioId = await openScenario(session, {
      nodes: [
        { id: 'launch', type: 'trigger.hook', position: { x: 0, y: 0 }, config: { audience: { rules: [] } } },
        webhook('send', { url: `${sink.url}/send`, body: '{"id": {{ customer.id | tojson }}}' }),
      ],
      edges: [edge('launch', 'send')],
    });
    await selectNode(page, 'launch');
    const enabled = page.getByLabel('Enabled');
    expect(await enabled.isChecked()).toBe(true);
    await enabled.uncheck();
    await expect
      .poll(() => page.locator(`${nodeSelector('launch')} .node-title`).textContent())
      .toContain('disabled');
    await enabled.check();
    await page.getByLabel('Delay before launch (seconds)').fill('3');
    await expect
      .poll(() => page.locator(`${nodeSelector('launch')} .node-title`).textContent())
      .toContain('on call, 3 s later');
    await screenshot(page, '71-launch-hook-settings');
    await expect
      .poll(
        async () => (await server.api('GET', `/api/scenarios/${scenarioId}`)).body.definition.nodes[0].config,
      )
      .toMatchObject({ delaySeconds: 3, enabled: true });
  });

  it('counts a waiting launch down on the node, then shows the fan-out started of its audience', async () => {
    const { page, server, sink } = session;
    for (const id of ['c-1', 'c-2']) await server.api('PUT', `/api/customers/${id}`, { plan: 'pro' });
    await page.getByRole('button', { name: 'Activate' }).click();
    const notice = page.getByText('Version 1 is live: calls to its launch hook start runs on it.');
    await notice.waitFor();
    // The notice sits beside the counts filter, never over it.
    const [noticeBox, filterBox] = [
      await notice.boundingBox(),
      await page.locator('.counts-filter').boundingBox(),
    ];
    expect(noticeBox!.x).toBeGreaterThanOrEqual(filterBox!.x + filterBox!.width);
    const { body } = await server.api('GET', `/api/scenarios/${scenarioId}/hooks`);
    const called = await fetch(body.hooks[0].url);
    expect(called.status).toBe(200);

    const status = page.locator(`${nodeSelector('launch')} [data-testid="launch-status"]`);
    await expect.poll(() => status.textContent(), { timeout: 5000 }).toMatch(/^Launch in [1-3] s$/);
    await screenshot(page, '72-launch-pending');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^Launched 2 \/ 2 · /);
    await sink.waitFor(2);
    await screenshot(page, '73-launch-done');
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page
      .getByText('Stopped: runs in flight continue, calls to its launch hook start nothing.')
      .waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
