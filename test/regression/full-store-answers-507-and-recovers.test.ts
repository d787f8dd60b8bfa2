import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpSink } from '../integration/helpers/http-sink.ts';
import { triggerToWebhook } from '../integration/helpers/scenarios.ts';
import {
  activeScenario,
  capturedLog,
  makeDataDir,
  removeDataDir,
  startTestServer,
  type TestServer,
} from '../integration/helpers/test-server.ts';
import { refuseFirstAttempts, secondAttempts, until } from './helpers/full-store.ts';

/**
 * A full store (here: SQLite's page limit, which fails writes with the same "database or disk is
 * full" as a full disk, and runs without root; `full-disk.test.ts` fills a real file system).
 * Before: the write error was hidden by "cannot rollback - no transaction is active" and
 * answered a bare 500, and /health said ok.
 */
describe('a server whose store is full', () => {
  const sink = new HttpSink();
  let dataDir: string;
  let server: TestServer;
  const log = capturedLog();

  beforeEach(async () => {
    await sink.start();
    dataDir = makeDataDir();
    server = await startTestServer(dataDir, { logger: log.logger });
  });

  afterEach(async () => {
    await server.close();
    await sink.stop();
    removeDataDir(dataDir);
  });

  const pageLimit = (pages: number) => server.store.db.exec(`PRAGMA max_page_count = ${pages}`);
  const webhookSteps = () =>
    (
      server.store.db.prepare(`SELECT count(*) AS n FROM run_steps WHERE kind = 'webhook'`).get() as {
        n: number;
      }
    ).n;
  const unfinishedRuns = () =>
    (
      server.store.db.prepare(`SELECT count(*) AS n FROM runs WHERE status <> 'completed'`).get() as {
        n: number;
      }
    ).n;
  const runsOf = (customers: Set<string>) =>
    (
      server.store.db
        .prepare(`SELECT count(*) AS n FROM runs WHERE customer_id IN (SELECT value FROM json_each(?))`)
        .get(JSON.stringify([...customers])) as { n: number }
    ).n;
  const events = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      customer_id: `c-${from + i}`,
      type: 'order',
      properties: { note: 'x'.repeat(4000) },
    }));
  const logLines = (message: string) =>
    log
      .text()
      .split('\n')
      .filter((line) => line.includes(`"msg":"${message}"`)).length;

  it('answers 507 saying storage is full, reports it on /health, loses nothing accepted, and recovers by itself', async () => {
    // Each delivery's first attempt answers 503 with Retry-After: it stays pending in the store.
    refuseFirstAttempts(sink, 1);
    await activeScenario(server, triggerToWebhook('order', sink.url));
    expect((await server.api('POST', '/api/events', events(0, 5))).status).toBe(202);
    const accepted = new Set(['c-0', 'c-1', 'c-2', 'c-3', 'c-4']);
    await until(() => webhookSteps() === 5, 5000);

    const { page_count: pages } = server.store.db.prepare('PRAGMA page_count').get() as {
      page_count: number;
    };
    pageLimit(pages);
    let full: Awaited<ReturnType<typeof post>> | null = null;
    for (let n = 5; n < 5000 && !full; n += 100) {
      const answer = await post(server, events(n, 100));
      if (answer.status === 202) for (let i = n; i < n + 100; i += 1) accepted.add(`c-${i}`);
      else full = answer;
    }
    expect(full?.status).toBe(507);
    expect(full?.retryAfter).toBe('30');
    expect(full?.body.error).toEqual({
      code: 'storage_full',
      message: expect.stringMatching(/^storage is full \(database or disk is full\)/),
    });

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: 'failing',
      code: 'storage_full',
      reason: expect.stringContaining('database or disk is full'),
    });

    // The pending deliveries come due while the store is full: their answers cannot be saved.
    await until(() => logLines('saving delivery results failed; retrying until it works') > 0, 10_000);
    // Several retries later (200 ms, doubling), the cause is still logged once.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(logLines('saving delivery results failed; retrying until it works')).toBe(1);
    expect((await fetch(`${server.url}/health`)).status).toBe(503);

    pageLimit(1_000_000_000);
    await until(() => [...accepted].every((id) => secondAttempts(sink).has(id)), 20_000);
    // Every run took its webhook's answer: the answers kept while the store was full were saved.
    await until(() => unfinishedRuns() === 0, 20_000);
    expect(runsOf(accepted)).toBe(accepted.size);
    await until(async () => (await fetch(`${server.url}/health`)).status === 200, 5000);
    expect((await post(server, events(9000, 1))).status).toBe(202);
    expect(logLines('saving delivery results recovered')).toBe(1);

    const text = log.text();
    expect(text).toContain('database or disk is full');
    expect(text).not.toContain('cannot rollback');
  }, 60_000);
});

async function post(server: TestServer, body: unknown) {
  const response = await fetch(`${server.url}/api/events`, {
    method: 'POST',
    headers: { authorization: `Bearer test-key-0123456789abcdef`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
  };
}
