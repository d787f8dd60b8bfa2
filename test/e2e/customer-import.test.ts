import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from './helpers/chromium.ts';
import { type EditorSession, openEditorSession } from './helpers/editor-session.ts';
import { screenshot } from './helpers/screenshots.ts';
import { makeDataDir, removeDataDir } from '../integration/helpers/test-server.ts';

describe.skipIf(!CHROMIUM)('importing customers from the editor', () => {
  let session: EditorSession;
  const files = makeDataDir();

  beforeAll(async () => {
    session = await openEditorSession();
    session.page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await session?.close();
    removeDataDir(files);
  });

  it('uploads a file with a progress bar, then says how many landed and which lines were refused', async () => {
    const { page, server } = session;
    const lines = Array.from({ length: 20_000 }, (_, index) =>
      JSON.stringify({ id: `cus_${index}`, attributes: { plan: index % 2 ? 'pro' : 'free' } }),
    );
    lines[41] = '{"id":"broken",';
    lines[99] = '{"id":"cus_x","attributes":"pro"}';
    const path = join(files, 'customers.ndjson');
    writeFileSync(path, `${lines.join('\n')}\n`);

    await page.goto(`${server.url}/#/settings/customers`);
    await page.getByRole('heading', { name: 'Import customers' }).waitFor();
    // The progress bar appears empty as the upload starts and is full when the answer comes.
    const seen = page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const values: number[] = [];
          const observer = new MutationObserver(() => {
            const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Import progress"]');
            if (bar) values.push(bar.value);
            if (bar?.dataset['step'] === 'done') resolve(values);
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        }),
    );
    await page.getByLabel('Customers file').setInputFiles(path);
    const values = await seen;
    expect(values[0]).toBe(0);
    expect(values.at(-1)).toBe(100);
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toBe(
      '19,998 customers imported from 20,000 lines, 2 refused.',
    );
    const rows = await page.locator('.import-errors tbody tr').allTextContents();
    expect(rows).toEqual([
      expect.stringMatching(/^42not valid JSON/),
      '100attributes: attributes must be a JSON object, e.g. {"plan":"pro"}',
    ]);
    await screenshot(page, '84-customer-import-done');
    expect((await server.api('GET', '/api/customers/cus_19999')).body.attributes).toEqual({ plan: 'pro' });

    // A CSV without an id column is refused whole, and the page says why.
    const csv = join(files, 'no-id.csv');
    writeFileSync(csv, 'plan,email\npro,a@example.com\n');
    await page.getByLabel('Customers file').setInputFiles(csv);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('no "id" column');
    await screenshot(page, '85-customer-import-refused');
    expect(session.pageErrors).toEqual([]);
  });
});
