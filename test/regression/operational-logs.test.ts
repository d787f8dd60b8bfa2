import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpSink } from '../integration/helpers/http-sink.ts';
import { edge, triggerNode, webhookNode } from '../integration/helpers/scenarios.ts';
import {
  activeScenario,
  capturedLog,
  makeDataDir,
  removeDataDir,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
  waitForRun,
} from '../integration/helpers/test-server.ts';

// At LOG_LEVEL=info nothing recorded a failed delivery, a retry or an egress refusal, and no
// line told which /api requests came in. Each now has a line with ids, status and time, and
// never a header, a body or a key.

const SECRET = 'header-canary-90ab1f';
const BODY = 'body-canary-c3d2e1';
const ANSWER = 'answer-canary-77e0aa';
const PATH_SECRET = 'path-canary-5e5e21';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

describe('operational logs', () => {
  const sink = new HttpSink();
  let log: ReturnType<typeof capturedLog>;
  let server: TestServer;
  let dataDir: string;
  beforeEach(async () => {
    log = capturedLog();
    sink.received.length = 0;
    await sink.start();
    dataDir = makeDataDir();
    server = await startTestServer(dataDir, { logger: log.logger });
  });
  afterEach(async () => {
    await server.close();
    await sink.stop();
    removeDataDir(dataDir);
  });

  const lines = (): LogLine[] =>
    log
      .text()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine);
  let scenarios = 0;
  const find = (msg: string) => lines().filter((line) => line.msg === msg);

  /** One webhook node to `origin` + `path`, with a secret header and a body canary; answers the ended run's id. */
  const run = async (options: {
    origin: string;
    url?: string;
    path: string;
    retry: Record<string, number>;
  }) => {
    const integration = await server.api('POST', '/api/integrations', {
      name: `crm ${Math.random()}`,
      type: 'headers',
      endpointPrefix: options.origin,
      headers: [{ key: 'X-Token', value: SECRET, secret: true }],
    });
    const url = `${options.url ?? options.origin}${options.path}`;
    const retry = options.retry;
    // Each call its own event type, so an event starts only this call's scenario.
    const eventType = `go-${(scenarios += 1)}`;
    await activeScenario(server, {
      nodes: [
        triggerNode('start', eventType),
        webhookNode('call', url, {
          integrationId: integration.body.id,
          body: `{"note":"${BODY}","customer":"{{ customer.id }}"}`,
          retry: { initialDelayMs: 100, ...retry },
        }),
      ],
      edges: [edge('start', 'call')],
    });
    const sent = await server.api('POST', '/api/events', { customer_id: 'c-1', type: eventType });
    const runId = sent.body.events[0].runIds[0] as string;
    await waitForRun(server, runId, (r) => r.status === 'completed' || r.status === 'failed', 10_000);
    return runId;
  };

  const expectNoCanary = () => {
    for (const canary of [SECRET, BODY, ANSWER, PATH_SECRET, TEST_API_KEY])
      expect(log.text()).not.toContain(canary);
  };

  it('logs a retry at info and the final failure at warn, with ids, status, attempt and time', async () => {
    let calls = 0;
    sink.respond = () => ({
      status: ++calls === 1 ? 503 : 500,
      body: ANSWER,
      headers: { 'x-answer': ANSWER },
    });
    const runId = await run({ origin: sink.url, path: `/${PATH_SECRET}`, retry: { maxAttempts: 2 } });
    const [retry] = find('delivery retry scheduled');
    const [failed] = find('delivery failed');
    const common = { runId, nodeId: 'call', deliveryId: expect.stringMatching(/^msg_/) };
    expect(retry).toMatchObject({ level: 30, ...common, status: 503, attempt: 1, reason: 'HTTP 503' });
    expect(retry!.retryAt).toEqual(expect.any(String));
    expect(failed).toMatchObject({ level: 40, ...common, status: 500, attempt: 2 });
    expect(failed!.deliveryId).toBe(retry!.deliveryId);
    for (const line of [retry!, failed!]) expect(line.durationMs).toEqual(expect.any(Number));
    expectNoCanary();
  });

  it('logs an egress refusal at warn, and each sent delivery at debug', async () => {
    sink.respond = () => ({ status: 200, body: ANSWER });
    const okRun = await run({ origin: sink.url, path: '/ok', retry: { maxAttempts: 1 } });
    expect(find('delivery sent')).toEqual([
      expect.objectContaining({ level: 20, runId: okRun, nodeId: 'call', status: 200, attempt: 1 }),
    ]);
    // A templated host is judged at send time: 127.0.0.2 is loopback and not allow-listed.
    const port = new URL(sink.url).port;
    const refusedRun = await run({
      origin: `http://127.0.0.2:${port}`,
      url: `http://{{ "127.0.0.2" }}:${port}`,
      path: `/${PATH_SECRET}`,
      retry: { maxAttempts: 3 },
    });
    const [refused] = find('egress refused');
    expect(refused).toMatchObject({ level: 40, runId: refusedRun, nodeId: 'call', status: null, attempt: 1 });
    expect(refused!.reason).toMatch(/127\.0\.0\.2/);
    expect(find('delivery retry scheduled')).toEqual([]);
    expectNoCanary();
  });

  it('logs one line per /api request with method, route pattern, status, time and key name', async () => {
    const created = await server.api('PUT', '/api/customers/c-7', { note: BODY });
    await server.api('PATCH', '/api/customers/c-7', { plan: 'pro' });
    await server.api('GET', '/api/customers/c-7');
    const wrongKey = await fetch(`${server.url}/api/customers/c-7`, {
      headers: { authorization: `Bearer ${SECRET}` },
    });
    expect(wrongKey.status).toBe(401);
    const named = await server.api('POST', '/api/api-keys', { name: 'CRM sync', scope: 'ingest' });
    await fetch(`${server.url}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${named.body.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: 'c-7', type: 'nothing-listens', properties: { note: BODY } }),
    });
    const requests = find('api request').map(({ method, route, status, keyName }) => ({
      method,
      route,
      status,
      keyName,
    }));
    expect(requests).toEqual([
      { method: 'PUT', route: '/api/customers/:id', status: created.status, keyName: 'admin key' },
      { method: 'PATCH', route: '/api/customers/:id', status: 200, keyName: 'admin key' },
      { method: 'GET', route: '/api/customers/:id', status: 200, keyName: 'admin key' },
      { method: 'GET', route: '/api/customers/:id', status: 401, keyName: null },
      { method: 'POST', route: '/api/api-keys', status: 201, keyName: 'admin key' },
      { method: 'POST', route: '/api/events', status: 202, keyName: 'CRM sync' },
    ]);
    for (const line of find('api request')) expect(line.level).toBe(30);
    for (const line of find('api request')) expect(line.durationMs).toEqual(expect.any(Number));
    expect(log.text()).not.toContain(named.body.key);
    expect(log.text()).not.toContain('c-7');
    expectNoCanary();
  });
});
