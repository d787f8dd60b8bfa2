import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { focusedField, selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, openEditorSession, openScenario } from './helpers/editor-session.ts';
import { edge, trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

/** A trigger and one webhook node `hook`, opened in the editor with `hook` selected. */
async function openWebhook(session: EditorSession, config: Record<string, unknown>): Promise<string> {
  const id = await openScenario(session, {
    nodes: [trigger('start'), webhook('hook', config)],
    edges: [edge('start', 'hook')],
  });
  await selectNode(session.page, 'hook');
  return id;
}

describe.skipIf(!CHROMIUM)('webhook templates and parameters', () => {
  let session: EditorSession;

  beforeAll(async () => {
    session = await openEditorSession();
  });
  afterAll(async () => {
    expect(session?.pageErrors).toEqual([]);
    await session?.close();
  });

  it('marks a template error on the line and column the server reports, and clears it when fixed', async () => {
    const { page } = session;
    const body =
      '{\n  "id": "{{ customer.id }}",\n  "plan": {{ event.properties.plan | }},\n  "source": "app"\n}';
    await openWebhook(session, { url: 'https://example.com/a', body });
    await page.getByRole('tab', { name: 'Payload' }).click();
    const error = page.getByTestId('body-error');
    await error.waitFor({ timeout: 5000 });
    expect(await error.textContent()).toContain('(line 3, column 38)');
    // Column 38 of line 3 is the `}}` the filter name should have come before.
    const marked = page.locator('.cm-lintRange-error');
    await marked.waitFor();
    expect(await marked.count()).toBe(1);
    expect(await marked.textContent()).toBe('}},');
    const line = marked.locator('xpath=ancestor::div[@class="cm-line"]');
    expect(await line.textContent()).toBe('  "plan": {{ event.properties.plan | }},');
    expect(await page.getByRole('tab', { name: 'Payload' }).getAttribute('class')).toContain('has-error');
    await screenshot(page, '05-template-error-inline');

    await marked.click();
    await page.keyboard.press('End');
    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'Backspace', 'Backspace'])
      await page.keyboard.press(key);
    await error.waitFor({ state: 'detached', timeout: 5000 });
    expect(await marked.count()).toBe(0);
  });

  it('marks an error found at the end of the text where the text ends', async () => {
    const { page } = session;
    // A text body: as JSON, a second value after the object would be an error of its own.
    await openWebhook(session, {
      url: 'https://example.com/a',
      format: 'text',
      body: 'id={{ customer.id }}',
    });
    await page.getByRole('tab', { name: 'Payload' }).click();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n{{ customer.name ');
    const error = page.getByTestId('body-error');
    await error.waitFor({ timeout: 5000 });
    expect(await error.textContent()).toContain('expected variable end');
    // Nunjucks gives no position there; the engine points at the end of the text, and the mark sits there.
    await expect.poll(() => page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    await page.keyboard.type('}}');
    await error.waitFor({ state: 'detached', timeout: 5000 });
  });

  it('turns [[ name : type ]] placeholders into typed inputs and saves the values set', async () => {
    const { page, server } = session;
    const body =
      '{"discount": [[ discount : number = 10 ]], "plan": "[[ plan : enum(free, pro) ]]", "vip": [[ vip : boolean ]]}';
    const id = await openWebhook(session, {
      url: 'https://example.com/[[ launch : date ]]?c=[[ colour : color ]]',
      body,
    });
    await page.getByRole('tab', { name: /Parameters/ }).click();
    expect(await page.getByLabel('discount').inputValue()).toBe('10');
    expect(await page.getByLabel('discount').getAttribute('type')).toBe('number');
    expect(await page.getByLabel('launch').getAttribute('type')).toBe('date');
    expect(await page.getByLabel('colour', { exact: true }).getAttribute('type')).toBe('color');
    expect(await page.getByLabel('vip').getAttribute('type')).toBe('checkbox');
    // Nothing chosen yet, and the control says so: only what is saved (or a default) counts.
    expect(await page.getByLabel('plan').locator('option').allTextContents()).toEqual([
      'Choose…',
      'free',
      'pro',
    ]);
    expect(await page.locator('[data-field="config.parameters.vip"] .switch').textContent()).toBe('Not set');
    await page.getByLabel('discount').fill('15');
    await page.getByLabel('plan').selectOption('pro');
    await page.getByLabel('colour hex').fill('#0e7490');
    await screenshot(page, '11-parameters-tab');
    await expect
      .poll(
        async () =>
          (await server.api('GET', `/api/scenarios/${id}`)).body.definition.nodes[1].config.parameters,
        { timeout: 5000 },
      )
      .toEqual({ discount: 15, plan: 'pro', colour: '#0e7490' });
  });

  it('shows a parameter value that does not fit its type under its input at once, with the message activation gives', async () => {
    const { page } = session;
    await openWebhook(session, {
      url: 'https://example.com/notify',
      body: '{"channel": "[[ channel : enum(sms, email) ]]", "count": [[ count : number ]], "vip": [[ vip : boolean ]]}',
      // Saved through the API, or left from an earlier declaration of the parameters.
      parameters: { channel: 'fax', count: 'nine', vip: 'maybe' },
    });
    const tab = page.getByRole('tab', { name: /Parameters/ });
    expect(await tab.getAttribute('class')).toContain('has-error');
    await tab.click();
    const errorOf = (name: string) => page.locator(`[data-field="config.parameters.${name}"] .field-error`);
    expect(await errorOf('channel').textContent()).toBe(
      'parameter "channel": "fax" is not one of sms, email',
    );
    expect(await errorOf('count').textContent()).toBe(
      'parameter "count": "nine" is not a number (such as 42 or -1.5)',
    );
    expect(await errorOf('vip').textContent()).toBe('parameter "vip": "maybe" is not true or false');
    // The controls show the stored values as they are, not the first option or "No".
    expect(await page.getByLabel('channel').inputValue()).toBe('fax');
    expect(await page.locator('[data-field="config.parameters.vip"] .switch').textContent()).toBe('"maybe"');
    await screenshot(page, '13-parameter-type-errors');

    await page.getByRole('button', { name: 'Activate' }).click();
    const issue = page.locator('.issues-panel .issue').filter({ hasText: 'Parameter “channel”' });
    await issue.waitFor();
    expect(await issue.textContent()).toContain('"fax" is not one of sms, email');

    await page.getByRole('tab', { name: /Parameters/ }).click();
    await page.getByLabel('channel').selectOption('email');
    await page.getByLabel('count').fill('3');
    await page.getByLabel('vip').check();
    for (const name of ['channel', 'count', 'vip']) await errorOf(name).waitFor({ state: 'detached' });
    expect(await tab.getAttribute('class')).not.toContain('has-error');
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Version 1 is live').waitFor();
  });

  it("shows the engine's message when a parameter is declared twice with different types", async () => {
    const { page } = session;
    await openWebhook(session, {
      url: 'https://example.com/[[ discount : number ]]',
      body: '{"discount": "[[ discount : text ]]"}',
    });
    const tab = page.getByRole('tab', { name: /Parameters/ });
    expect(await tab.getAttribute('class')).toContain('has-error');
    await tab.click();
    const alert = page.locator('.tab-panel [role="alert"]');
    expect(await alert.textContent()).toBe('parameter "discount" is declared as number and as text');
  });

  it('takes a failed activation to the required parameter; once filled, runs send the value', async () => {
    const { page, server, sink } = session;
    await openWebhook(session, {
      url: `${sink.url}/promo`,
      query: [{ key: 'campaign', value: '[[ campaign : enum(spring, summer) = spring ]]' }],
      body: '{"customer": "{{ customer.id }}", "discount": [[ discount : number ]], "note": "[[ note = Hi ]]"}',
    });
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.locator('.issues-panel .issue').filter({ hasText: 'Parameter “discount”' }).waitFor();
    await expect.poll(() => focusedField(page)).toBe('config.parameters.discount');
    expect(await page.getByRole('tab', { name: /Parameters/ }).getAttribute('aria-selected')).toBe('true');
    const fieldError = page.locator('[data-field="config.parameters.discount"] .field-error');
    expect(await fieldError.textContent()).toBe('parameter "discount" needs a value');
    await screenshot(page, '12-required-parameter');

    // The cursor is already in the field: type straight away.
    await page.keyboard.type('15');
    await fieldError.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Version 1 is live').waitFor();

    const sent = await server.api('POST', '/api/events', [{ customer_id: 'c-1', type: 'signup' }]);
    expect(sent.status).toBe(202);
    const [request] = await sink.waitFor(1, 5000);
    expect(request!.url).toBe('/promo?campaign=spring');
    expect(JSON.parse(request!.body)).toEqual({ customer: 'c-1', discount: 15, note: 'Hi' });
  });
});
