/**
 * How fast the editor opens and pans a 300-node scenario in the system Chromium (headless, no
 * GPU): from the click on its name in the list to every node drawn, and from a page load of its
 * URL to every node drawn, five times each; then the gaps between animation frames while the
 * canvas is dragged. Reports `skipped` when no Chromium is installed.
 */
import { panAndCountFrames, waitForAllNodes } from '../e2e/helpers/canvas-timing.ts';
import { CHROMIUM } from '../e2e/helpers/chromium.ts';
import { openEditorSession } from '../e2e/helpers/editor-session.ts';
import { largeDefinition } from '../e2e/helpers/fixtures.ts';
import { percentile, round } from './stats.ts';

const NODES = 300;
const REPEATS = 5;
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

async function timed(action: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

const summary = (samples: number[]) => ({
  medianMs: round(percentile(samples, 50)),
  maxMs: round(Math.max(...samples)),
});

async function measure(viewport: { width: number; height: number }): Promise<Record<string, unknown>> {
  const session = await openEditorSession(viewport);
  try {
    const { page, server } = session;
    const created = await server.api('POST', '/api/scenarios', {
      name: 'Big scenario',
      definition: largeDefinition(NODES),
    });
    const fromList: number[] = [];
    const byUrl: number[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      // A reload, so the list is read after the scenario was created (untimed).
      await page.goto(`${server.url}/#/`);
      await page.reload();
      const link = page.getByRole('link', { name: 'Big scenario' });
      await link.waitFor();
      fromList.push(
        await timed(async () => {
          await link.click();
          await waitForAllNodes(page, NODES);
        }),
      );
      await page.goto(`${server.url}/#/`);
      byUrl.push(
        await timed(async () => {
          await page.goto(`${server.url}/#/scenarios/${created.body.id}`);
          await page.reload();
          await waitForAllNodes(page, NODES);
        }),
      );
    }
    const gaps = await panAndCountFrames(page);
    return {
      viewport: `${viewport.width}×${viewport.height}`,
      openFromList: summary(fromList),
      openByUrlWithPageLoad: summary(byUrl),
      panning: {
        frames: gaps.length,
        p50FrameGapMs: round(percentile(gaps, 50), 1),
        p95FrameGapMs: round(percentile(gaps, 95), 1),
        worstFrameGapMs: round(Math.max(...gaps), 1),
      },
    };
  } finally {
    await session.close();
  }
}

export async function benchEditorOpen(): Promise<Record<string, unknown>> {
  if (!CHROMIUM) return { skipped: 'no Chromium on this machine' };
  const results = [];
  for (const viewport of VIEWPORTS) results.push(await measure(viewport));
  return { nodes: NODES, repeats: REPEATS, results };
}
