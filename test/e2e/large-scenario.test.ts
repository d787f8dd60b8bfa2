import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panAndCountFrames, waitForAllNodes } from './helpers/canvas-timing.ts';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, openEditorSession } from './helpers/editor-session.ts';
import { largeDefinition } from './helpers/fixtures.ts';
import { screenshot } from './helpers/screenshots.ts';

const NODE_COUNT = 300;

// Painting 300 nodes without a GPU takes seconds on a loaded 2-core machine; the time is the
// editor-open benchmark's figure, so the tests only bound it generously.
describe.skipIf(!CHROMIUM)(`a ${NODE_COUNT}-node scenario`, { timeout: 60_000 }, () => {
  let session: EditorSession;
  let scenarioId = '';

  beforeAll(async () => {
    session = await openEditorSession({ width: 1920, height: 1080 });
    const created = await session.server.api('POST', '/api/scenarios', {
      name: 'Big scenario',
      definition: largeDefinition(NODE_COUNT),
    });
    expect(created.status).toBe(201);
    scenarioId = created.body.id;
  });
  afterAll(async () => {
    await session?.close();
  });

  // How fast it opens and pans is measured by `npm run bench` (editor-open), not here.
  it('opens from the list with every node drawn', async () => {
    const { page } = session;
    await page.reload();
    const link = page.getByRole('link', { name: 'Big scenario' });
    await link.waitFor();
    await link.click();
    await waitForAllNodes(page, NODE_COUNT);
    await screenshot(page, '09-large-scenario-1920');
    expect(await page.locator('.react-flow__node').count()).toBe(NODE_COUNT);
    // One node up close at 1920×1080, with its inspector.
    await page.locator('.react-flow__node[data-id="n2"] .node-title').click();
    await page.getByRole('tab', { name: 'Payload' }).click();
    await page.locator('.cm-content').waitFor();
    await screenshot(page, '10-inspector-1920');
  });

  it('opens by URL (page load included) and pans', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/scenarios/${scenarioId}`);
    await page.reload();
    await waitForAllNodes(page, NODE_COUNT);
    const before = await page.locator('.react-flow__viewport').getAttribute('style');
    expect((await panAndCountFrames(page)).length).toBeGreaterThan(0);
    const transform = await page.locator('.react-flow__viewport').getAttribute('style');
    expect(transform).toContain('translate');
    expect(transform).not.toBe(before);
    expect(session.pageErrors).toEqual([]);
  });
});
