import type { Page } from 'playwright-core';

/** Resolves once every node is in the DOM and measured (React Flow hides unmeasured nodes). */
export async function waitForAllNodes(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
      return nodes.length >= expected && [...nodes].every((node) => node.style.visibility !== 'hidden');
    },
    count,
    { timeout: 15_000, polling: 'raf' },
  );
}

/** A point of the pane with no node on it, so a drag there pans instead of moving a node. */
async function emptySpot(
  page: Page,
  pane: { x: number; y: number; width: number; height: number },
): Promise<{ x: number; y: number }> {
  const spot = await page.evaluate((box) => {
    for (let fy = 0.5; fy < 0.95; fy += 0.05) {
      for (let fx = 0.5; fx < 0.95; fx += 0.05) {
        const x = box.x + box.width * fx;
        const y = box.y + box.height * fy;
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  }, pane);
  if (!spot) throw new Error('no empty spot on the canvas to drag from');
  return spot;
}

/**
 * Drags the pane by 60 small mouse moves while counting animation frames; returns the gaps
 * between frames in milliseconds (16.7 ms is 60 frames per second).
 */
export async function panAndCountFrames(page: Page): Promise<number[]> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('the canvas pane is not on the page');
  await page.evaluate(() => {
    const frames: number[] = [];
    (window as unknown as { __frames: number[] }).__frames = frames;
    const tick = (time: number) => {
      frames.push(time);
      if (frames.length < 600) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const { x, y } = await emptySpot(page, pane);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 0; step < 60; step += 1) await page.mouse.move(x - step * 8, y - step * 5);
  await page.mouse.up();
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
  return frames.slice(1).map((time, index) => time - frames[index]!);
}
