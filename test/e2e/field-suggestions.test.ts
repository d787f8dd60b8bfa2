import { describe, expect, it } from 'vitest';
import { selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, useEditorSession } from './helpers/editor-session.ts';
import { edge, trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';
import { waitForRun } from '../integration/helpers/test-server.ts';

describe.skipIf(!CHROMIUM)('suggestions from stored data in the editor', () => {
  let session: EditorSession;

  useEditorSession((opened) => (session = opened));

  it('suggests seen event types, stored attributes and properties, and the fields of recorded responses', async () => {
    const { page, server, sink } = session;
    sink.respond = (request) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: request.url.startsWith('/order')
        ? JSON.stringify({ order_id: 'o-7', user: { plan: 'pro' } })
        : JSON.stringify({ ticket: 42 }),
    });
    await server.api('PUT', '/api/customers/ada', { plan: 'pro', email: 'ada@example.com' });
    const created = await server.api('POST', '/api/scenarios', {
      name: 'Suggestions',
      definition: {
        nodes: [
          trigger('start', 'purchase', { x: 0, y: 0 }),
          webhook('order', { url: `${sink.url}/order`, body: '{}' }, { x: 0, y: 150 }),
          {
            id: 'big',
            type: 'condition',
            position: { x: 0, y: 300 },
            config: {
              rules: [
                { field: 'event.properties.amount', criteria: 'greater_than', value: 1000, join: 'and' },
              ],
            },
          },
          webhook('notify', { url: `${sink.url}/notify`, body: '{}' }, { x: 0, y: 450 }),
          { id: 'after', type: 'condition', position: { x: 0, y: 600 }, config: { rules: [] } },
        ],
        edges: [
          edge('start', 'order'),
          edge('order', 'big', 'success'),
          edge('big', 'notify', 'yes'),
          edge('notify', 'after', 'success'),
        ],
      },
    });
    const scenarioId = created.body.id;
    expect((await server.api('POST', `/api/scenarios/${scenarioId}/activate`)).status).toBe(200);
    const sent = await server.api('POST', '/api/events', [
      { customer_id: 'ada', type: 'purchase', properties: { amount: 20, currency: 'EUR' } },
      { customer_id: 'bob', type: 'purchase', properties: { amount: 30 } },
      { customer_id: 'bob', type: 'signup', properties: {} },
    ]);
    for (const runId of [sent.body.events[0].runIds[0], sent.body.events[1].runIds[0]])
      await waitForRun(server, runId, (run) => run.status === 'completed');

    await page.goto(`${server.url}/#/scenarios/${scenarioId}`);
    await selectNode(page, 'start');
    await page.getByRole('tab', { name: 'Configure' }).click();
    const types = page.locator('#event-types-seen option');
    await expect.poll(() => types.count()).toBe(2);
    expect(
      await types.evaluateAll((options) =>
        options.map((option) => [option.getAttribute('value'), option.getAttribute('label')]),
      ),
    ).toEqual([
      ['purchase', '2 in 30 days'],
      ['signup', '1 in 30 days'],
    ]);

    // The condition after the first webhook: its response's fields, the event's, the customers'.
    await selectNode(page, 'big');
    await page.getByRole('tab', { name: 'Configure' }).click();
    const fields = page.locator('[id="config.rules-fields"] option');
    const values = () =>
      fields.evaluateAll((options) => options.map((option) => option.getAttribute('value')));
    await expect
      .poll(values)
      .toEqual(
        expect.arrayContaining([
          'webhook.order_id',
          'webhook.user.plan',
          'webhook(1).order_id',
          'event.properties.currency',
          'customer.plan',
          'customer.email',
        ]),
      );
    expect(
      await page
        .locator('[id="config.rules-fields"] option[value="event.properties.amount"]')
        .getAttribute('label'),
    ).toBe('in 2 of the last 500 “purchase” events');
    await page.getByLabel('Rule 1 field').fill('webhook.');
    await screenshot(page, '82-condition-field-suggestions');

    // The template of the second webhook completes `webhook.` with the first one's answer.
    await selectNode(page, 'notify');
    await page.getByRole('tab', { name: 'Configure' }).click();
    await page.getByRole('tab', { name: 'Payload' }).click();
    await page.locator('[data-field="config.body"] .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('{"order":"{{ webhook.');
    const completions = page.locator('.cm-tooltip-autocomplete li');
    await expect
      .poll(() => completions.allTextContents())
      .toEqual(
        expect.arrayContaining([expect.stringContaining('order_id'), expect.stringContaining('user.plan')]),
      );
    await screenshot(page, '83-template-completes-webhook-fields');
    await page.keyboard.type('ord');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-field="config.body"] .cm-content').textContent())
      .toBe('{"order":"{{ webhook.order_id');

    await page.keyboard.type(' }}"}');
    // No run reached 'notify'; a test send records its answer for the nodes after it.
    await page.getByRole('button', { name: 'Test webhook' }).click();
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.locator('.test-webhook').getByText('ticket').first().waitFor();
    await selectNode(page, 'after');
    await page.getByRole('tab', { name: 'Configure' }).click();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect
      .poll(() =>
        page
          .locator('[id="config.rules-fields"] option')
          .evaluateAll((options) => options.map((option) => option.getAttribute('value'))),
      )
      .toEqual(expect.arrayContaining(['webhook.ticket', 'webhook(2).ticket', 'webhook(1).order_id']));
    expect(session.pageErrors).toEqual([]);
  });
});
