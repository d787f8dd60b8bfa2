import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, openEditorSession } from './helpers/editor-session.ts';
import { edge, trigger, webhook } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

describe.skipIf(!CHROMIUM)('the scenarios page', () => {
  let session: EditorSession;
  let liveId = '';

  beforeAll(async () => {
    session = await openEditorSession();
    const { server } = session;
    const definition = {
      nodes: [trigger('start'), webhook('hook', { url: 'https://example.com/v1' })],
      edges: [edge('start', 'hook')],
    };
    const live = await server.api('POST', '/api/scenarios', { name: 'Order follow-up', definition });
    liveId = live.body.id;
    await server.api('POST', `/api/scenarios/${liveId}/activate`);
    const changed = {
      nodes: [
        trigger('start', 'order_paid'),
        webhook('hook', { url: 'https://example.com/v2' }),
        { id: 'bye', type: 'end', position: { x: 0, y: 320 }, config: {} },
      ],
      edges: [edge('start', 'hook'), edge('hook', 'bye', 'success')],
    };
    await server.api('PATCH', `/api/scenarios/${liveId}`, { definition: changed });
    await server.api('POST', `/api/scenarios/${liveId}/activate`);
    const stopped = await server.api('POST', '/api/scenarios', { name: 'Winback (paused)', definition });
    await server.api('POST', `/api/scenarios/${stopped.body.id}/activate`);
    await server.api('POST', `/api/scenarios/${stopped.body.id}/deactivate`);
    await server.api('POST', '/api/scenarios', { name: 'Draft idea', description: 'Not finished yet' });
    await session.page.reload();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('lists scenarios with their status badges', async () => {
    const { page } = session;
    await page.locator('.scenario-table').waitFor();
    const status = (name: string) =>
      page.locator('tr', { hasText: name }).locator('[data-status]').getAttribute('data-status');
    expect(await status('Order follow-up')).toBe('active');
    expect(await status('Winback (paused)')).toBe('stopped');
    expect(await status('Draft idea')).toBe('draft');
    await screenshot(page, '01-scenarios-list');
  });

  it('duplicates and deletes a scenario', async () => {
    const { page } = session;
    await page.locator('tr', { hasText: 'Draft idea' }).getByRole('button', { name: 'Duplicate' }).click();
    await page.locator('tr', { hasText: 'Draft idea (copy)' }).waitFor();
    const copy = page.locator('tr', { hasText: 'Draft idea (copy)' });
    await copy.getByRole('button', { name: 'Delete' }).click();
    await copy.getByRole('button', { name: 'Confirm delete' }).click();
    await copy.waitFor({ state: 'detached' });
    expect(await page.locator('tr', { hasText: 'Draft idea' }).count()).toBe(1);
  });

  it('shows the versions with dates and a per-field diff of two versions', async () => {
    const { page } = session;
    await page
      .locator('tr', { hasText: 'Order follow-up' })
      .getByRole('button', { name: 'Versions' })
      .click();
    const drawer = page.getByRole('complementary', { name: /Versions of/ });
    await drawer.locator('.version-list li').nth(1).waitFor();
    expect(await drawer.locator('.version-list li').count()).toBe(2);
    await drawer.getByLabel('Compare from').selectOption('1');
    await drawer.getByLabel('Compare to').selectOption('2');
    const diff = drawer.getByLabel('Differences');
    await diff.waitFor();
    const text = (await diff.textContent()) ?? '';
    // Nodes and fields by the names the canvas and the inspector give them.
    expect(text).toContain('End added');
    expect(text).toContain('Event type');
    expect(text).toContain('URL');
    expect(text).not.toContain('config.');
    expect(text).toContain('https://example.com/v2');
    await screenshot(page, '08-versions-diff');
    expect(session.pageErrors).toEqual([]);
  });
});
