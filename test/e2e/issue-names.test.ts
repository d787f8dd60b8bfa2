import { describe, expect, it } from 'vitest';
import { selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, useEditorSession, openScenario } from './helpers/editor-session.ts';
import { edge, trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

/** The rows of the issues panel as text: subject, kind, field and message, joined by " | ". */
async function issueRows(session: EditorSession): Promise<string[]> {
  return session.page
    .locator('.issues-panel .issue')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((part) => part.textContent).join(' | ')));
}

describe.skipIf(!CHROMIUM)('validation problems by name, all at once', () => {
  let session: EditorSession;

  useEditorSession((opened) => (session = opened), 5000);

  it('lists a field error, a missing parameter, a template error and an unreachable node together, by name', async () => {
    const { page } = session;
    await openScenario(session, {
      nodes: [
        trigger('start'),
        {
          ...webhook('webhook-xetvkm', {
            url: '',
            body: '{"note": "[[ note ]]", "plan": {{ customer.plan }',
          }),
          label: 'Tell the CRM',
        },
        { id: 'island', type: 'wait', position: { x: 320, y: 0 }, config: { mode: 'duration', seconds: 60 } },
      ],
      edges: [edge('start', 'webhook-xetvkm')],
    });
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.locator('.issues-panel').getByText('4 problems to fix before activating').waitFor();
    const rows = await issueRows(session);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Tell the CRM \| Webhook \| URL \| url is required/),
        expect.stringMatching(
          /^Tell the CRM \| Webhook \| Parameter “note” \| parameter "note" needs a value/,
        ),
        expect.stringMatching(/^Tell the CRM \| Webhook \| Payload \| template error/),
        'for 1 minute | Wait | is not reachable from any trigger',
      ]),
    );
    expect(rows.join('\n')).not.toContain('webhook-xetvkm');
    expect(rows.join('\n')).not.toContain('config.');
    await screenshot(page, '63-issues-by-name');

    // Clicking a row still takes the user to the field.
    await page.locator('.issues-panel .issue').filter({ hasText: 'Parameter “note”' }).click();
    await page.locator('.inspector .node-id:text-is("webhook-xetvkm")').waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('names the nodes of a loop without a wait', async () => {
    const { page } = session;
    await openScenario(session, {
      nodes: [
        trigger('start'),
        { ...webhook('a', { url: 'https://example.com/a' }), label: 'First call' },
        { ...webhook('b', { url: 'https://example.com/b' }, { x: 300, y: 160 }), label: 'Second call' },
      ],
      edges: [edge('start', 'a'), edge('a', 'b', 'success'), edge('b', 'a', 'success')],
    });
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.locator('.issues-panel .issue').first().waitFor();
    expect(await issueRows(session)).toContain(
      'First call | Webhook | loop without a wait node: First call → Second call → First call',
    );
  });

  it("shows a preset's default integration by its name, not its id", async () => {
    const { page, server, sink } = session;
    const integration = await server.api('POST', '/api/integrations', {
      name: 'Sink CRM',
      type: 'bearer',
      endpointPrefix: sink.url,
      token: 'token-0123456789',
    });
    const preset = await server.api('POST', '/api/presets', {
      name: 'CRM note',
      integrationId: integration.body.id,
      webhook: { method: 'POST', url: `${sink.url}/notes`, body: '{}' },
    });
    await openScenario(session, {
      nodes: [
        trigger('start'),
        {
          id: 'crm',
          type: 'webhook',
          position: { x: 0, y: 160 },
          config: { preset: { id: preset.body.id, version: 1 }, parameters: {} },
        },
      ],
      edges: [edge('start', 'crm')],
    });
    await selectNode(page, 'crm');
    const empty = page.getByLabel('Authentication').locator('option[value=""]');
    await expect.poll(() => empty.textContent()).toBe('Preset default (Sink CRM)');
    expect(await page.locator('.inspector').textContent()).not.toContain(integration.body.id);
    await screenshot(page, '64-preset-default-integration-by-name');
  });
});
