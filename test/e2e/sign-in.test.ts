import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/server.ts';
import {
  makeDataDir,
  removeDataDir,
  startTestServer,
  TEST_API_KEY,
  testConfig,
  testLogger,
  type TestServer,
} from '../integration/helpers/test-server.ts';
import { CHROMIUM, launchChromium } from './helpers/chromium.ts';
import { ensureEditorBuilt } from './helpers/editor-build.ts';
import { screenshot } from './helpers/screenshots.ts';

/** A fresh page with no saved key, on the sign-in form. */
async function signInPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(5000);
  await page.goto(`${url}/`);
  await page.getByRole('heading', { name: 'Connect to Hookflow' }).waitFor();
  return page;
}

describe.skipIf(!CHROMIUM)('signing in to the editor', () => {
  let browser: Browser;
  let fromEnv: TestServer;
  let fromFile: RunningServer;
  const dirs: string[] = [];

  beforeAll(async () => {
    await ensureEditorBuilt();
    dirs.push(makeDataDir(), makeDataDir());
    fromEnv = await startTestServer(dirs[0]!);
    // No HOOKFLOW_API_KEY: the server generates the key into its data folder.
    fromFile = await startServer({ ...testConfig(dirs[1]!), apiKey: undefined }, { logger: testLogger() });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await fromEnv?.close();
    await fromFile?.close();
    for (const dir of dirs) removeDataDir(dir);
  });

  it('keeps a refused key in the field and says why, with no navigation before signing in', async () => {
    const page = await signInPage(browser, fromEnv.url);
    expect(await page.locator('.app-header nav').count()).toBe(0);
    await page.getByLabel('API key').fill('not-the-right-key-at-all');
    await page.getByRole('button', { name: 'Connect' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The server refused this key');
    expect(await page.getByLabel('API key').inputValue()).toBe('not-the-right-key-at-all');
    expect(await page.evaluate(() => localStorage.getItem('hookflow.apiKey'))).toBeNull();
    await screenshot(page, '60-sign-in-refused');

    await page.getByLabel('API key').fill(TEST_API_KEY);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('.app-header nav').getByRole('link', { name: 'Scenarios' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('hookflow.apiKey'))).toBe(TEST_API_KEY);
    await page.close();
  });

  it('refuses an events-only key with its reason', async () => {
    const created = await fromEnv.api('POST', '/api/api-keys', { name: 'Shop', scope: 'ingest' });
    const page = await signInPage(browser, fromEnv.url);
    await page.getByLabel('API key').fill(created.body.key);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('may only send events');
    expect(await page.getByRole('heading', { name: 'Connect to Hookflow' }).count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('hookflow.apiKey'))).toBeNull();
    await page.close();
  });

  it('says the key comes from HOOKFLOW_API_KEY when the server was given one', async () => {
    const page = await signInPage(browser, fromEnv.url);
    const hint = page.locator('#api-key-hint');
    await expect.poll(() => hint.textContent()).toContain('HOOKFLOW_API_KEY setting');
    expect(await hint.textContent()).not.toContain('printed');
    await screenshot(page, '61-sign-in-hint-environment');
    await page.close();
  });

  it('says the key was printed at first start and lives in the data folder otherwise', async () => {
    const page = await signInPage(browser, fromFile.url);
    const hint = page.locator('#api-key-hint');
    await expect.poll(() => hint.textContent()).toContain('printed the management key');
    expect(await hint.textContent()).toContain('api-key file');
    await screenshot(page, '62-sign-in-hint-data-folder');
    const key = readFileSync(join(dirs[1]!, 'api-key'), 'utf8').trim();
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('.app-header nav').waitFor();
    await page.close();
  });

  it('asks again, saying so, when the saved key stops being accepted', async () => {
    const page = await signInPage(browser, fromEnv.url);
    await page.evaluate(() => localStorage.setItem('hookflow.apiKey', 'a-key-revoked-meanwhile'));
    await page.reload();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('no longer accepts the saved key');
    expect(await page.locator('.app-header nav').count()).toBe(0);
    await page.close();
  });
});
