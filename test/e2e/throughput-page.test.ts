import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectNode } from './helpers/canvas.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, openEditorSession, openScenario } from './helpers/editor-session.ts';
import { edge, trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

describe.skipIf(!CHROMIUM)('throughput policies in the browser', () => {
  let session: EditorSession;
  let policyId = '';

  beforeAll(async () => {
    session = await openEditorSession();
    // Fail on the step that waits, with its locator, rather than on the test's timeout.
    session.page.setDefaultTimeout(8000);
    session.page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    expect(session?.pageErrors).toEqual([]);
    await session?.close();
  });

  it('creates a policy from the settings navigation, refusing an invalid limit first', async () => {
    const { page, server } = session;
    await page.getByRole('link', { name: 'Throughput' }).click();
    await page.getByRole('heading', { name: 'Throughput policies', exact: true }).waitFor();
    await page.getByText('No throughput policies yet').waitFor();
    await page.getByRole('button', { name: 'New policy' }).click();
    await page.getByLabel('Name').fill('CM Telecom');
    await page.getByLabel('Concurrent requests').fill('0');
    await page.getByRole('button', { name: 'Create policy' }).click();
    expect(await page.locator('.throughput-form [role="alert"]').textContent()).toBe(
      'concurrency must be at least 1',
    );
    await page.getByLabel('Concurrent requests').fill('4');
    await page.getByRole('button', { name: 'Create policy' }).click();
    const row = page.locator('tr[data-policy-id]').filter({ hasText: 'CM Telecom' });
    await row.waitFor();
    expect(await row.getByTestId('policy-concurrency').textContent()).toBe('4');
    const listed = await server.api('GET', '/api/throughput-policies');
    expect(listed.body.items).toMatchObject([{ name: 'CM Telecom', concurrency: 4 }]);
    policyId = listed.body.items[0].id;
    await screenshot(page, '40-throughput-page');
  });

  it('edits the concurrency limit in place', async () => {
    const { page, server } = session;
    const row = page.locator(`tr[data-policy-id="${policyId}"]`);
    await row.getByRole('button', { name: 'Edit' }).click();
    await row.getByLabel('Concurrent requests').fill('12');
    await screenshot(page, '41-throughput-edit');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.getByTestId('policy-concurrency').textContent()).toBe('12');
    expect((await server.api('GET', `/api/throughput-policies/${policyId}`)).body.concurrency).toBe(12);
  });

  it("is picked on a webhook's Settings tab", async () => {
    const { page, server } = session;
    const scenarioId = await openScenario(session, {
      nodes: [trigger('start'), webhook('hook', { url: 'https://example.com/sms', body: '{}' })],
      edges: [edge('start', 'hook')],
    });
    await selectNode(page, 'hook');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Throughput policy').selectOption(policyId);
    await page.getByText('At most 12 requests at a time').waitFor();
    await screenshot(page, '42-webhook-throughput-policy');
    await expect
      .poll(async () => {
        const saved = await server.api('GET', `/api/scenarios/${scenarioId}`);
        return saved.body.definition.nodes[1].config.throughputPolicyId;
      })
      .toBe(policyId);
    const activated = await server.api('POST', `/api/scenarios/${scenarioId}/activate`);
    expect(activated.status).toBeLessThan(300);
  });

  it('shows why a policy used by an active scenario cannot be deleted', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/settings/throughput`);
    const row = page.locator(`tr[data-policy-id="${policyId}"]`);
    await row.getByRole('button', { name: 'Delete' }).click();
    const refusal = page.locator('.throughput-page > p.alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('is used by active scenarios: "Editing"');
    expect(await row.count()).toBe(1);
    await screenshot(page, '43-throughput-delete-refused');
  });

  it('deletes a policy nobody uses', async () => {
    const { page, server } = session;
    const created = await server.api('POST', '/api/throughput-policies', { name: 'Spare', concurrency: 2 });
    await page.reload();
    const row = page.locator(`tr[data-policy-id="${created.body.id}"]`);
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await page.locator('.throughput-page > p.alert').count()).toBe(0);
  });
});
