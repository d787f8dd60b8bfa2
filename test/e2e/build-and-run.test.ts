import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, countsOf, dropNode, nodeSelector, selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, openEditorSession } from './helpers/editor-session.ts';
import { screenshot } from './helpers/screenshots.ts';

describe.skipIf(!CHROMIUM)('building a scenario in the browser and running it', () => {
  let session: EditorSession;
  const ids: Record<'trigger' | 'condition' | 'wait' | 'webhook', string> = {
    trigger: '',
    condition: '',
    wait: '',
    webhook: '',
  };
  let scenarioId = '';

  beforeAll(async () => {
    session = await openEditorSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('creates a scenario from the list page and opens it on the canvas', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'New scenario' }).click();
    await page.getByLabel('Scenario name').fill('Welcome pro customers');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.locator('.react-flow__pane').waitFor();
    scenarioId = decodeURIComponent(page.url().split('#/scenarios/')[1] ?? '');
    expect(scenarioId).toMatch(/\S/);
  });

  it('builds trigger → condition → wait → webhook with drag and drop and forms only', async () => {
    const { page, sink } = session;
    ids.trigger = await dropNode(page, 'trigger.event', { x: 340, y: 70 });
    await page.getByLabel('Event type').fill('signup');

    ids.condition = await dropNode(page, 'condition', { x: 340, y: 230 });
    await connect(page, { node: ids.trigger, handle: 'out' }, ids.condition);
    await selectNode(page, ids.condition);
    await page.getByLabel('Rule 1 field').fill('event.properties.plan');
    await page.getByLabel('Rule 1 value').fill('pro');

    ids.wait = await dropNode(page, 'wait', { x: 220, y: 400 });
    await connect(page, { node: ids.condition, handle: 'yes' }, ids.wait);
    await selectNode(page, ids.wait);
    await page.getByLabel('Wait for').fill('1');
    await page.getByLabel('Unit').selectOption('seconds');

    ids.webhook = await dropNode(page, 'webhook', { x: 220, y: 570 });
    await connect(page, { node: ids.wait, handle: 'out' }, ids.webhook);
    await selectNode(page, ids.webhook);
    await page.getByLabel('URL').fill(`${sink.url}/welcome`);
    await page.getByRole('tab', { name: 'Payload' }).click();
    await page.locator('.cm-content').click();
    await page.keyboard.type('{"customer": "{{ customer.id }}", "plan": "{{ event.properties.plan }}"}');

    await expect
      .poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), { timeout: 5000 })
      .toBe('saved');
    const saved = await session.server.api('GET', `/api/scenarios/${scenarioId}`);
    expect(saved.body.definition.nodes).toHaveLength(4);
    expect(
      saved.body.definition.edges
        .map((edge: any) => `${edge.source}:${edge.sourceHandle}>${edge.target}`)
        .sort(),
    ).toEqual(
      [
        `${ids.trigger}:out>${ids.condition}`,
        `${ids.condition}:yes>${ids.wait}`,
        `${ids.wait}:out>${ids.webhook}`,
      ].sort(),
    );
    const webhook = saved.body.definition.nodes.find((node: any) => node.id === ids.webhook);
    expect(webhook.config.url).toBe(`${sink.url}/welcome`);
    const wait = saved.body.definition.nodes.find((node: any) => node.id === ids.wait);
    expect(wait.config).toMatchObject({ mode: 'duration', seconds: 1 });
    await screenshot(page, '02-editor-built-1280');
    expect(session.pageErrors).toEqual([]);
  });

  it('activates, runs events sent through the API and shows node counts and the rendered requests', async () => {
    const { page, server, sink } = session;
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Version 1 is live').waitFor();
    await page.locator('.editor-toolbar [data-status="active"]').waitFor();

    const sent = await server.api('POST', '/api/events', [
      { customer_id: 'c-pro', type: 'signup', properties: { plan: 'pro' } },
      { customer_id: 'c-free', type: 'signup', properties: { plan: 'free' } },
    ]);
    expect(sent.status).toBe(202);
    const [request] = await sink.waitFor(1, 5000);
    expect(request!.url).toBe('/welcome');
    expect(JSON.parse(request!.body)).toEqual({ customer: 'c-pro', plan: 'pro' });

    await expect.poll(() => countsOf(page, ids.webhook), { timeout: 8000 }).toMatch(/1\s*ok/);
    expect(await countsOf(page, ids.trigger)).toMatch(/2\s*in/);
    expect(await countsOf(page, ids.condition)).toMatch(/2\s*in/);
    expect(await countsOf(page, ids.wait)).toMatch(/1\s*in/);
    await screenshot(page, '03-editor-active-counts');
    expect(sink.received).toHaveLength(1);
  });

  it('lists the recent runs of a node with the request it sent and the response', async () => {
    const { page } = session;
    await page.locator(`${nodeSelector(ids.webhook)} .node-title`).click();
    await page.getByRole('tab', { name: 'Recent runs' }).click();
    const run = page.locator('.node-run').filter({ hasText: 'c-pro' }).first();
    await run.waitFor();
    await run.locator('.node-run-head').click();
    await run.getByLabel('Rendered request').waitFor();
    expect(await run.getByLabel('Rendered request').textContent()).toContain('/welcome');
    expect(await run.getByLabel('Response').textContent()).toContain('200');
    await screenshot(page, '04-node-recent-runs');
    expect(session.pageErrors).toEqual([]);
  });
});
