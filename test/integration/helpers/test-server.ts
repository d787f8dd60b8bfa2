import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { readConfig } from '../../../server/config.ts';
import { type RunningServer, type ServerOverrides, startServer } from '../../../server/server.ts';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.ts';
import { DEFAULT_RESPONDER, HttpSink } from './http-sink.ts';

export const TEST_API_KEY = 'test-key-0123456789abcdef';

export interface TestServer extends RunningServer {
  /** Tests read the SQLite file directly to prove what was (not) written. */
  store: SqliteStore;
  dataDir: string;
  /** Calls the API with the test key; returns status and parsed JSON body. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

/** Narrows a server started without MONGODB_URI to the embedded store it runs on. */
export function onSqlite<T extends RunningServer>(server: T): T & { store: SqliteStore } {
  if (server.store.kind !== 'sqlite') throw new Error(`expected the SQLite store, got ${server.store.kind}`);
  return server as T & { store: SqliteStore };
}

/** A temp data folder that tests remove when done. */
export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hookflow-test-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The configuration of a test server: ephemeral port, test key, webhooks to 127.0.0.1 only. */
export function testConfig(dataDir: string, env: Record<string, string> = {}) {
  return readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    HOOKFLOW_API_KEY: TEST_API_KEY,
    HOOKFLOW_EGRESS_ALLOW: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ...env,
  });
}

export const testLogger = () => pino({ level: process.env.TEST_LOG ?? 'silent' });

/** Calls a server's API with the test key; resolves to the status and the parsed JSON body. */
export function apiClient(url: string): TestServer['api'] {
  return async (method, path, body) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TEST_API_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

/** A real server on an ephemeral port over a real SQLite file; webhooks may reach 127.0.0.1 only. */
export async function startTestServer(
  dataDir: string,
  overrides: ServerOverrides = {},
  env: Record<string, string> = {},
): Promise<TestServer> {
  const server = await startServer(testConfig(dataDir, env), { logger: testLogger(), ...overrides });
  return Object.assign(onSqlite(server), { dataDir, api: apiClient(server.url) });
}

/** Creates and activates a scenario; fails the test when either step is refused. */
export async function activeScenario(
  server: Pick<TestServer, 'api'>,
  definition: unknown,
  name = 'test scenario',
) {
  const created = await server.api('POST', '/api/scenarios', { name, definition });
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const activated = await server.api('POST', `/api/scenarios/${created.body.id}/activate`);
  if (activated.status !== 200) throw new Error(`activate failed: ${JSON.stringify(activated.body)}`);
  return created.body.id as string;
}

/** Polls a run until `predicate` holds or the time is up. */
export async function waitForRun(
  server: TestServer,
  runId: string,
  predicate: (run: any) => boolean,
  timeoutMs = 5000,
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await server.api('GET', `/api/runs/${runId}`);
    if (predicate(body)) return body;
    if (Date.now() > deadline)
      throw new Error(`run ${runId} did not reach the expected state: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Registers a server over a temp data folder and a recording sink around the tests of the
 * surrounding describe block: fresh for each test, or `shared` by all of them. Read them from
 * the returned object once the tests run.
 */
/**
 * A local sink and a fresh data folder for each test, for tests that start, stop and restart
 * servers on the same data themselves.
 */
export function sinkAndDataDir(): { sink: HttpSink; dataDir: string } {
  const context = { sink: new HttpSink(), dataDir: '' };
  beforeEach(async () => {
    context.sink.received.length = 0;
    context.sink.respond = DEFAULT_RESPONDER;
    await context.sink.start();
    context.dataDir = makeDataDir();
  });
  afterEach(async () => {
    await context.sink.stop();
    removeDataDir(context.dataDir);
  });
  return context;
}

export function serverWithSink(options: { shared?: boolean; overrides?: ServerOverrides } = {}): {
  server: TestServer;
  sink: HttpSink;
  dataDir: string;
} {
  const context = { server: undefined as unknown as TestServer, sink: new HttpSink(), dataDir: '' };
  const [before, after] = options.shared ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    context.sink.received.length = 0;
    context.sink.respond = DEFAULT_RESPONDER;
    await context.sink.start();
    context.dataDir = makeDataDir();
    context.server = await startTestServer(context.dataDir, options.overrides);
  });
  after(async () => {
    await context.server.close();
    await context.sink.stop();
    removeDataDir(context.dataDir);
  });
  return context;
}

/** A logger at trace level whose output a test reads back, to prove what never reaches logs. */
export function capturedLog(): { logger: pino.Logger; text: () => string } {
  let log = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      log += String(chunk);
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), text: () => log };
}
