import { describe, expect, it } from 'vitest';
import { nodeSelector } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, useEditorSession, openScenario } from './helpers/editor-session.ts';
import { edge, trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

describe.skipIf(!CHROMIUM)('the recent runs of a batch webhook', () => {
  let session: EditorSession;

  useEditorSession((opened) => (session = opened));

  it("show every run the batch's request and its whole answer, stored once", async () => {
    const { page, server, sink } = session;
    sink.respond = () => ({
      status: 200,
      body: '{"messages":[{"id":"m1"},{"id":"m2"}]}',
      headers: { 'content-type': 'application/json' },
    });
    await openScenario(session, {
      nodes: [
        trigger('start'),
        webhook('bulk', {
          url: `${sink.url}/bulk`,
          body: '[{% output customers separated by "," %}]',
          batch: { customerTemplate: '{"id":"{{ customer.id }}"}', size: 2, windowMs: 200 },
        }),
      ],
      edges: [edge('start', 'bulk')],
    });
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Version 1 is live').waitFor();
    await server.api('POST', '/api/events', [
      { customer_id: 'b1', type: 'signup' },
      { customer_id: 'b2', type: 'signup' },
    ]);
    await sink.waitFor(1, 5000);
    await page.locator(`${nodeSelector('bulk')} .node-title`).click();
    await page.getByRole('tab', { name: 'Recent runs' }).click();
    for (const customer of ['b1', 'b2']) {
      const run = page.locator('.node-run').filter({ hasText: customer }).first();
      await run.locator('.node-run-head').click();
      const answer = run.getByLabel('Response');
      await answer.waitFor();
      expect(await answer.textContent()).toContain('"m2"');
      expect(await run.getByLabel('Rendered request').textContent()).toContain('"b2"');
    }
    await screenshot(page, '52-batch-recent-runs');
    expect(session.pageErrors).toEqual([]);
  });
});
