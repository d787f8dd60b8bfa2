import type { Page } from 'playwright-core';

const nodeSelector = (id: string) => `.react-flow__node[data-id="${id}"]`;

export async function nodeIds(page: Page): Promise<string[]> {
  return page
    .locator('.react-flow__node')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id') ?? ''));
}

/** Drags a palette item onto the canvas at a point of the pane; returns the new node's id. */
export async function dropNode(page: Page, type: string, at: { x: number; y: number }): Promise<string> {
  const before = new Set(await nodeIds(page));
  await page
    .locator(`.palette-item[data-node-type="${type}"]`)
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
  await page.waitForFunction(
    (count) => document.querySelectorAll('.react-flow__node').length > count,
    before.size,
  );
  const added = (await nodeIds(page)).find((id) => !before.has(id));
  if (!added) throw new Error(`dropping ${type} added no node`);
  return added;
}

/** Drags from an output handle of one node to the input handle of another, as a user does. */
export async function connect(page: Page, from: { node: string; handle: string }, to: string): Promise<void> {
  const edges = await page.locator('.react-flow__edge').count();
  await page
    .locator(`${nodeSelector(from.node)} .react-flow__handle[data-handleid="${from.handle}"]`)
    .dragTo(page.locator(`${nodeSelector(to)} .react-flow__handle.target`));
  await page.waitForFunction((count) => document.querySelectorAll('.react-flow__edge').length > count, edges);
}

/**
 * Clicks a node and waits for its inspector. A node still moving (an auto-layout or fit-view
 * animation) can be missed by the click, which lands where it just was: it is clicked again.
 */
export async function selectNode(page: Page, id: string): Promise<void> {
  const inspected = page.locator(`.inspector .node-id:text-is("${id}")`);
  for (let attempt = 1; ; attempt += 1) {
    await page.locator(`${nodeSelector(id)} .node-title`).click();
    try {
      await inspected.waitFor({ timeout: 3000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** The counts badge text of a node, e.g. "2 in 2 ok". */
export async function countsOf(page: Page, id: string): Promise<string> {
  return (await page.locator(`${nodeSelector(id)} [data-testid="node-counts"]`).textContent()) ?? '';
}

/** The `data-field` path of the form field that holds the keyboard focus, if any. */
export async function focusedField(page: Page): Promise<string | null | undefined> {
  return page.evaluate(() => document.activeElement?.closest('[data-field]')?.getAttribute('data-field'));
}

export { nodeSelector };
