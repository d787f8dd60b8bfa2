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
  const x = pane.x + pane.width / 2;
  const y = pane.y + pane.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 0; step < 60; step += 1) await page.mouse.move(x - step * 8, y - step * 5);
  await page.mouse.up();
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
  return frames.slice(1).map((time, index) => time - frames[index]!);
}
