import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HttpSink } from '../../integration/helpers/http-sink.ts';
import {
  makeDataDir,
  removeDataDir,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../../integration/helpers/test-server.ts';
import { launchChromium } from './chromium.ts';
import { ensureEditorBuilt } from './editor-build.ts';

export interface EditorSession {
  server: TestServer;
  sink: HttpSink;
  browser: Browser;
  page: Page;
  /** Browser errors seen so far; tests assert it stays empty. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** A real server (temp SQLite, real sink) and a Chromium page signed in to its editor. */
export async function openEditorSession(viewport = { width: 1280, height: 800 }): Promise<EditorSession> {
  await ensureEditorBuilt();
  const sink = new HttpSink();
  await sink.start();
  const dataDir = makeDataDir();
  const server = await startTestServer(dataDir);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/`);
  await page.evaluate((key) => localStorage.setItem('hookflow.apiKey', key), TEST_API_KEY);
  await page.reload();
  return {
    server,
    sink,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await server.close();
      await sink.stop();
      removeDataDir(dataDir);
    },
  };
}

/** Creates a scenario through the API and opens it on the canvas; returns its id. */
export async function openScenario(session: EditorSession, definition: unknown): Promise<string> {
  const created = await session.server.api('POST', '/api/scenarios', { name: 'Editing', definition });
  await session.page.goto(`${session.server.url}/#/scenarios/${created.body.id}`);
  // Only a hash changes: until the new scenario loads, the previous one's nodes are still drawn.
  const editor = `.editor-page[data-scenario-id="${created.body.id}"]`;
  await session.page.locator(`${editor} .react-flow__node`).first().waitFor();
  return created.body.id;
}

/**
 * One editor session for the `describe` block this is called in: opened before its tests, handed
 * to `take`, closed after them. A step that waits fails after `stepTimeoutMs`, naming its locator,
 * rather than on the test's timeout.
 */
export function useEditorSession(take: (session: EditorSession) => void, stepTimeoutMs = 8000): void {
  let session: EditorSession | undefined;
  beforeAll(async () => {
    session = await openEditorSession();
    session.page.setDefaultTimeout(stepTimeoutMs);
    take(session);
  });
  afterAll(async () => {
    await session?.close();
  });
}
