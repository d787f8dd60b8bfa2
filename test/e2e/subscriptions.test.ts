import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSink } from '../integration/helpers/http-sink.ts';
import { edge, triggerNode, webhookNode } from '../integration/helpers/scenarios.ts';
import { activeScenario, waitForRun } from '../integration/helpers/test-server.ts';
import { selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, openEditorSession } from './helpers/editor-session.ts';
import { screenshot } from './helpers/screenshots.ts';

/** How long a poll waits: the preview is debounced, sends and replays go through the notifier. */
const WAIT = { timeout: 8000 };

const eventCalls = (sink: HttpSink) => sink.received.filter((request) => request.url === '/events');

describe.skipIf(!CHROMIUM)('event subscriptions in the browser', () => {
  let session: EditorSession;
  let subscriptionId = '';

  beforeAll(async () => {
    session = await openEditorSession({ width: 1280, height: 900 });
    session.page.setDefaultTimeout(8000);
    session.page.on('dialog', (dialog) => void dialog.accept());
    // A stored customer, so the placeholder list has attributes to offer.
    await session.server.api('PUT', '/api/customers/c-1', { email: 'ada@example.com', plan: 'pro' });
  });
  afterAll(async () => {
    expect(session?.pageErrors).toEqual([]);
    await session?.close();
  });

  it('creates a subscription from events × channels, with a template written from the placeholder list and one reset', async () => {
    const { page, server, sink } = session;
    await page.getByRole('link', { name: 'Subscriptions' }).click();
    await page.getByText('No subscriptions yet').waitFor();
    await page.getByRole('link', { name: 'New subscription' }).click();
    await page.getByLabel('Name', { exact: true }).fill('CRM sync');
    await page.getByLabel('URL', { exact: true }).fill(`${sink.url}/events`);
    await page.getByLabel('Receive customer.created').check();
    await page.getByLabel('Receive webhook.delivered').check();
    await page.getByLabel('webhook.delivered on crm').uncheck();

    const editor = page.getByLabel('customer.created payload template');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('{"who": ');
    const placeholders = page.getByRole('complementary', { name: 'Placeholders' });
    await placeholders.getByRole('button', { name: 'customer.plan', exact: true }).click();
    await page.keyboard.insertText(', "ext": ');
    await placeholders.getByRole('button', { name: 'external_message_id', exact: true }).click();
    await page.keyboard.insertText(', "kind": ');
    await placeholders.getByRole('button', { name: 'event', exact: true }).click();
    await page.keyboard.insertText('}');
    // The sample customer has no plan: the preview shows the null it will send.
    await expect
      .poll(async () => JSON.parse((await page.getByTestId('payload-sample').textContent()) ?? 'null'), WAIT)
      .toEqual({ who: null, ext: 'ext-77', kind: 'customer.created' });
    await screenshot(page, '70-subscription-template');

    await page.getByRole('tab', { name: /webhook\.delivered/ }).click();
    const delivered = page.getByLabel('webhook.delivered payload template');
    await delivered.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('{"broken": ');
    await page.locator('.payload-templates .field-error').waitFor();
    expect(await page.getByRole('tab', { name: /webhook\.delivered/ }).textContent()).toContain('custom');
    await page.getByRole('button', { name: 'Reset to default' }).click();
    await expect.poll(() => delivered.textContent(), WAIT).toContain('"event": {{ event }}');
    expect(await page.getByRole('tab', { name: /webhook\.delivered/ }).textContent()).toContain('default');
    await page.getByRole('button', { name: 'Reset to default' }).isDisabled();
    await page.locator('.event-matrix').scrollIntoViewIfNeeded();
    await screenshot(page, '71-subscription-matrix');

    await page.getByRole('button', { name: 'Create subscription' }).click();
    await page.getByRole('heading', { name: 'Send test event' }).waitFor();
    const listed = await server.api('GET', '/api/subscriptions');
    expect(listed.body.items).toHaveLength(1);
    const [subscription] = listed.body.items;
    subscriptionId = subscription.id;
    expect(subscription.url).toBe(`${sink.url}/events`);
    expect(subscription.events).toEqual([
      {
        type: 'customer.created',
        channels: expect.any(Array),
        template: '{"who": {{ customer.plan }}, "ext": {{ external_message_id }}, "kind": {{ event }}}',
      },
      { type: 'webhook.delivered', channels: ['sms', 'whatsapp', 'rcs', 'email', 'push', 'chat', 'webhook'] },
    ]);
  });

  it('sends a test event to the endpoint and lists it in the delivery log with its request', async () => {
    const { page, sink } = session;
    await page.getByLabel('Event', { exact: true }).selectOption('customer.created');
    await page.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => page.getByTestId('test-event-result').textContent(), WAIT).toContain('HTTP 200');
    const [call] = eventCalls(sink);
    expect(JSON.parse(call!.body)).toEqual({ who: null, ext: 'ext-77', kind: 'customer.created' });
    const row = page.locator('tr[data-delivery-id]').first();
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('done');
    expect(await row.getAttribute('data-delivery-id')).toBe(call!.headers['webhook-id']);
    await row.getByRole('button', { name: 'Details' }).click();
    const detail = page.getByTestId('delivery-detail');
    expect(await detail.textContent()).toContain(call!.headers['webhook-id']);
    await screenshot(page, '72-subscription-page', { fullPage: true });
  });

  it('shows a failing subscription in a banner and replays the failed delivery with the same webhook-id', async () => {
    const { page, server, sink } = session;
    sink.respond = (request) =>
      request.url === '/events' ? { status: 400, body: 'unknown customer' } : { status: 200 };
    await server.api('PUT', '/api/customers/c-2', { plan: 'free' });
    await expect
      .poll(
        async () =>
          (await server.api('GET', `/api/subscriptions/${subscriptionId}`)).body.health.failingSince,
        WAIT,
      )
      .not.toBeNull();
    await page.goto(`${server.url}/#/settings/subscriptions`);
    const everywhere = page.getByTestId('failing-subscriptions');
    await everywhere.waitFor();
    expect(await everywhere.textContent()).toContain('CRM sync: Failing since');
    const row = page.locator(`tr[data-subscription-id="${subscriptionId}"]`);
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('failing');
    await screenshot(page, '73-subscriptions-failing');
    // Its own page says it once, with the last error, instead of the app-wide line.
    await everywhere.getByRole('link', { name: 'CRM sync' }).click();
    const banner = page.getByTestId('subscription-health-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Last error: HTTP 400');
    expect(await everywhere.count()).toBe(0);
    await page.getByLabel('Status', { exact: true }).selectOption('failed');
    const failed = page.locator('tr[data-delivery-id][data-status="failed"]');
    await failed.waitFor();
    expect(await page.locator('tr[data-delivery-id]').count()).toBe(1);
    const webhookId = await failed.getAttribute('data-delivery-id');
    await screenshot(page, '73-subscription-failing');

    sink.respond = () => ({ status: 200 });
    await failed.getByRole('button', { name: 'Replay' }).click();
    await page.getByText('1 delivery queued again.').waitFor();
    await expect.poll(() => eventCalls(sink).length, WAIT).toBe(3);
    const [first, second] = eventCalls(sink).slice(1);
    expect(first!.headers['webhook-id']).toBe(webhookId);
    expect(second!.headers['webhook-id']).toBe(webhookId);
    expect(JSON.parse(second!.body)).toEqual({ who: 'free', ext: null, kind: 'customer.created' });

    await page.getByLabel('Status', { exact: true }).selectOption('');
    const replayed = page.locator(`tr[data-delivery-id="${webhookId}"]`);
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return replayed.getAttribute('data-status');
      }, WAIT)
      .toBe('done');
    await replayed.getByRole('button', { name: 'Details' }).click();
    expect(await page.getByRole('list', { name: 'Attempts' }).locator('li').count()).toBe(2);
    await page.getByRole('heading', { name: 'Delivery log' }).evaluate((heading) => heading.scrollIntoView());
    await screenshot(page, '74-subscription-replayed');
    await page.reload();
    await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
    expect(await page.getByTestId('subscription-health-banner').count()).toBe(0);
  });

  it('warns about a failing scenario webhook host on the endpoint health page and on the node', async () => {
    const { page, server, sink } = session;
    const down = new HttpSink();
    down.respond = () => ({ status: 502 });
    await down.start();
    try {
      const scenarioId = await activeScenario(server, {
        nodes: [
          triggerNode('start', 'ping'),
          webhookNode('up', `${sink.url}/up`, { retry: { maxAttempts: 1 } }),
          webhookNode('down', `${down.url}/down`, { retry: { maxAttempts: 1 } }),
        ],
        edges: [edge('start', 'up'), edge('up', 'down', 'success')],
      });
      const events = Array.from({ length: 10 }, (_, i) => ({ customer_id: `p-${i}`, type: 'ping' }));
      const sent = await server.api('POST', '/api/events', events);
      for (const event of sent.body.events)
        await waitForRun(server, event.runIds[0], (run) => ['completed', 'failed'].includes(run.status));
      await page.getByRole('link', { name: 'Endpoint health' }).click();
      const bad = page.locator(`tr[data-host="${new URL(down.url).host}"]`);
      await bad.waitFor();
      expect(await bad.getByText('Warning').count()).toBe(1);
      expect(await bad.getByTestId('success-rate').textContent()).toBe('0 %');
      expect(await bad.textContent()).toContain('HTTP 502');
      const good = page.locator(`tr[data-host="${new URL(sink.url).host}"]`);
      expect(await good.getByTestId('success-rate').textContent()).toBe('100 %');
      expect(await good.getByText('Warning').count()).toBe(0);
      await screenshot(page, '75-endpoint-health');

      await page.goto(`${server.url}/#/scenarios/${scenarioId}`);
      await selectNode(page, 'down');
      // A node with runs opens on its recent runs.
      await page.getByRole('tab', { name: 'Configure' }).click();
      const warning = page.getByTestId('host-health-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toMatch(/10 failures in a row, 0\s% delivered/);
      await screenshot(page, '76-webhook-host-warning');
    } finally {
      await down.stop();
    }
  });
});
