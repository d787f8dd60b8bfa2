import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, countsOf, dropNode, nodeSelector, selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, openEditorSession, openScenario } from './helpers/editor-session.ts';
import { trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

describe.skipIf(!CHROMIUM)('the set-attributes node in the browser', () => {
  let session: EditorSession;
  let scenarioId = '';
  let setter = '';

  beforeAll(async () => {
    session = await openEditorSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('is dropped between a trigger and a webhook and filled by its form, with rows checked inline', async () => {
    const { page, sink } = session;
    scenarioId = await openScenario(session, {
      nodes: [
        trigger('start', 'signup', { x: 0, y: 0 }),
        webhook(
          'notify',
          {
            url: `${sink.url}/notify`,
            body: '{"plan":"{{ customer.plan }}","visits":{{ customer.visits + 1 }}}',
          },
          { x: 0, y: 420 },
        ),
      ],
      edges: [],
    });
    setter = await dropNode(page, 'set-attributes', { x: 380, y: 330 });
    await connect(page, { node: 'start', handle: 'out' }, setter);
    await connect(page, { node: setter, handle: 'out' }, 'notify');
    await selectNode(page, setter);

    await page.getByLabel('Attribute 1 name').fill('1st plan');
    const row = page.locator('[data-field="config.attributes.0.key"]').locator('..');
    await expect.poll(() => row.locator('.field-error').textContent()).toContain('must start with a letter');
    await page.getByLabel('Attribute 1 name').fill('plan');
    await page.getByLabel('Attribute 1 value').fill('{{ event.properties.plan | upper }}');
    await page.getByRole('button', { name: 'Add attribute' }).click();
    await page.getByLabel('Attribute 2 name').fill('plan');
    await expect
      .poll(() => page.locator('.field-error').allTextContents())
      .toContain('attribute "plan" is set twice');
    await page.getByLabel('Attribute 2 name').fill('visits');
    await page.getByLabel('Attribute 2 value').fill('{{ event.properties.visits }}');
    await page.getByLabel('Attribute 2 type').selectOption('number');
    await expect.poll(() => page.locator('.inspector .field-error').count()).toBe(0);

    // A template that does not compile is named under its row once the server has checked it.
    await page.getByLabel('Attribute 2 value').fill('{{ event.properties.visits ');
    await page.getByRole('button', { name: 'Validate' }).click();
    await expect.poll(() => page.getByLabel('Attribute 2 value').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.inspector .field-error').allTextContents()).toEqual([
      expect.stringMatching(/\S/),
    ]);
    await page.getByLabel('Attribute 2 value').fill('{{ event.properties.visits }}');
    await expect.poll(() => page.locator('.inspector .field-error').count()).toBe(0);
    expect(await page.locator(`${nodeSelector(setter)}`).textContent()).toContain('sets plan, visits');

    await expect
      .poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), { timeout: 5000 })
      .toBe('saved');
    const saved = await session.server.api('GET', `/api/scenarios/${scenarioId}`);
    const node = saved.body.definition.nodes.find((candidate: any) => candidate.id === setter);
    expect(node.config.attributes).toEqual([
      { key: 'plan', value: '{{ event.properties.plan | upper }}', as: 'text' },
      { key: 'visits', value: '{{ event.properties.visits }}', as: 'number' },
    ]);
    await screenshot(page, '50-set-attributes-form');

    // A condition suggests the attributes the scenario sets among its rule fields.
    const condition = await dropNode(page, 'condition', { x: 120, y: 300 });
    await selectNode(page, condition);
    const suggested = await page
      .locator('.inspector datalist option')
      .evaluateAll((options) => options.map((option) => option.getAttribute('value')));
    expect(suggested).toEqual(expect.arrayContaining(['customer.plan', 'customer.visits', 'event.type']));
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator(nodeSelector(condition)).count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });

  it('runs: the webhook reads the new attributes, the customer keeps them, the node lists what it set', async () => {
    const { page, server, sink } = session;
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Version 1 is live').waitFor();
    const sent = await server.api('POST', '/api/events', {
      customer_id: 'c-attr',
      type: 'signup',
      properties: { plan: 'pro', visits: '4' },
    });
    expect(sent.status).toBe(202);
    const [request] = await sink.waitFor(1, 5000);
    expect(JSON.parse(request!.body)).toEqual({ plan: 'PRO', visits: 5 });
    const customer = await server.api('GET', '/api/customers/c-attr');
    expect(customer.body.attributes).toEqual({ plan: 'PRO', visits: 4 });

    await expect.poll(() => countsOf(page, setter), { timeout: 8000 }).toMatch(/1\s*in.*1\s*ok/s);
    await page.locator(`${nodeSelector(setter)} .node-title`).click();
    await page.getByRole('tab', { name: 'Recent runs' }).click();
    const run = page.locator('.node-run').filter({ hasText: 'c-attr' }).first();
    await run.locator('.node-run-head').click();
    const set = run.getByLabel('Attributes set');
    await set.waitFor();
    expect(await set.textContent()).toContain('"PRO"');
    expect(await set.textContent()).toContain('visits4');
    await screenshot(page, '51-set-attributes-runs');
    expect(session.pageErrors).toEqual([]);
  });
});
