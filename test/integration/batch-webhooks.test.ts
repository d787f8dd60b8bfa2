import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HttpSink } from './helpers/http-sink.ts';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import {
  activeScenario,
  serverWithSink,
  sinkAndDataDir,
  startTestServer,
  type TestServer,
  waitForRun,
} from './helpers/test-server.ts';

const ROOT = '{"batch": [{% output customers separated by "," %}], "count": {{ customers | length }}}';
const CUSTOMER = '{"id": {{ customer.id | tojson }}}';

/** trigger → batch webhook → a single webhook that echoes what the run read from the batch response. */
function batchScenario(url: string, batch: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    nodes: [
      triggerNode('start', 'go'),
      webhookNode('bulk', `${url}/bulk`, {
        body: ROOT,
        batch: { customerTemplate: CUSTOMER, ...batch },
        retry: { maxAttempts: 2, initialDelayMs: 100 },
        ...extra,
      }),
      webhookNode('echo', `${url}/echo`, {
        body: '{"id": {{ customer.id | tojson }}, "receipt": {{ webhook.receipt | tojson }}, "status": {{ webhook.status }}}',
      }),
    ],
    edges: [edge('start', 'bulk'), edge('bulk', 'echo', 'success')],
  };
}

async function sendEvents(server: TestServer, ids: string[]): Promise<string[]> {
  const sent = await server.api(
    'POST',
    '/api/events',
    ids.map((id) => ({ customer_id: id, type: 'go' })),
  );
  expect(sent.status).toBe(202);
  return sent.body.events.flatMap((event: any) => event.runIds);
}

const ids = (count: number, prefix = 'c') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const bulkRequests = (sink: HttpSink) => sink.received.filter((request) => request.url === '/bulk');
const bulkBodies = (sink: HttpSink) => bulkRequests(sink).map((request) => JSON.parse(request.body));
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('batch webhooks', () => {
  const context = serverWithSink();

  beforeEach(() => {
    let receipts = 0;
    context.sink.respond = (request) =>
      request.url === '/bulk'
        ? {
            status: 200,
            body: JSON.stringify({ receipt: `r${++receipts}` }),
            headers: { 'content-type': 'application/json' },
          }
        : { status: 200, body: '{}' };
  });

  it('sends 1000 customers as exactly 10 requests of 100, and every run reads its batch response', async () => {
    const { server, sink } = context;
    await activeScenario(server, batchScenario(sink.url, { size: 100, windowMs: 60_000 }));
    const runIds = await sendEvents(server, ids(1000));
    expect(runIds).toHaveLength(1000);
    await sink.waitFor(10 + 1000, 20_000);
    await settle(200);

    const bodies = bulkBodies(sink);
    expect(bodies).toHaveLength(10);
    expect(bodies.map((body) => body.count)).toEqual(Array(10).fill(100));
    const sent = bodies.flatMap((body) => body.batch.map((item: { id: string }) => item.id));
    expect(sent.sort()).toEqual(ids(1000).sort());

    // Each run went on with its own batch's response as `webhook`.
    const receiptOf = new Map<string, string>();
    bulkBodies(sink).forEach((body, index) => {
      for (const item of body.batch) receiptOf.set(item.id, `r${index + 1}`);
    });
    const echoes = sink.received.filter((request) => request.url === '/echo').map((r) => JSON.parse(r.body));
    expect(echoes).toHaveLength(1000);
    for (const echo of echoes)
      expect(echo).toEqual({ id: echo.id, receipt: receiptOf.get(echo.id), status: 200 });

    const run = await waitForRun(server, runIds[0]!, (candidate) => candidate.status === 'completed');
    const step = run.steps.find(
      (candidate: any) => candidate.kind === 'webhook' && candidate.nodeId === 'bulk',
    );
    expect(step.detail).toMatchObject({ batch: { size: 100 }, response: { status: 200 }, error: null });
    // The batch request itself is stored once, on its delivery, with every run it answered.
    const delivery = await server.api('GET', `/api/deliveries/${step.detail.deliveryId}`);
    expect(delivery.status).toBe(200);
    expect(delivery.body.runIds).toHaveLength(100);
    expect(delivery.body.runIds).toContain(runIds[0]);
    expect(JSON.parse(delivery.body.request.body).count).toBe(100);
    expect(JSON.parse(delivery.body.response.body)).toEqual({
      receipt: receiptOf.get(ids(1000)[0]!),
    });
    expect((await server.api('GET', '/api/deliveries/msg_missing')).status).toBe(404);
  });

  it('sends a partial batch once the window has passed', async () => {
    const { server, sink } = context;
    await activeScenario(server, batchScenario(sink.url, { size: 100, windowMs: 400 }));
    const started = Date.now();
    await sendEvents(server, ids(5));
    const [request] = await sink.waitFor(1, 5000);
    expect(request!.at - started).toBeGreaterThanOrEqual(350);
    expect(JSON.parse(request!.body)).toEqual({ batch: ids(5).map((id) => ({ id })), count: 5 });
  });

  it('stops on-event batches at 200 customers whatever the batch size', async () => {
    const { server, sink } = context;
    await activeScenario(server, batchScenario(sink.url, { size: 1000, windowMs: 60_000 }));
    await sendEvents(server, ids(500));
    await sink.waitFor(3, 10_000);
    await settle(1500);
    expect(bulkBodies(sink).map((body) => body.count)).toEqual([200, 200]);
    // The last 100 wait for the window; nothing else is sent meanwhile.
    expect(bulkRequests(sink)).toHaveLength(2);
  });

  it('fails every run of a batch that fails after retries, with the same attempt history', async () => {
    const { server, sink } = context;
    sink.respond = () => ({ status: 503, body: 'busy' });
    await activeScenario(server, batchScenario(sink.url, { size: 3, windowMs: 60_000 }));
    const runIds = await sendEvents(server, ids(3));
    const runs = await Promise.all(
      runIds.map((runId) => waitForRun(server, runId, (run) => run.status === 'failed', 10_000)),
    );
    expect(bulkRequests(sink)).toHaveLength(2);
    const histories = runs.map((run) =>
      run.steps
        .filter((step: any) => step.kind === 'webhook')
        .map((step: any) => ({ ...step.detail, durationMs: 0 })),
    );
    expect(histories[0]).toHaveLength(2);
    expect(histories[0]![1]).toMatchObject({ attempt: 2, response: { status: 503 } });
    // The answer's body is kept once, in one run's history; the delivery gives it to all.
    const bodiless = (history: any[]) =>
      history.map((detail) => ({ ...detail, response: { ...detail.response, body: null } }));
    expect(histories.map(bodiless)).toEqual(Array(3).fill(bodiless(histories[0]!)));
    expect(histories.filter((history) => history[1].response.body === 'busy')).toHaveLength(1);
    const delivery = await server.api('GET', `/api/deliveries/${histories[0]![1].deliveryId}`);
    expect(delivery.body.response).toMatchObject({ status: 503, body: 'busy' });
    expect(runs.map((run) => run.steps.at(-1).kind)).toEqual(['failed', 'failed', 'failed']);
  });

  it('fails the runs of a batch whose root template does not render valid JSON, naming the field', async () => {
    const { server, sink } = context;
    const definition = batchScenario(sink.url, { size: 2, windowMs: 60_000 });
    // Judged well-formed before any run (an expression stands for one value); rendered, the
    // customers joined by commas are several values where JSON takes one.
    (definition.nodes[1]!.config as unknown as { body: string }).body =
      '{"broken": {{ customers | join(",") }}}';
    await activeScenario(server, definition);
    const runIds = await sendEvents(server, ids(2));
    for (const runId of runIds) {
      const run = await waitForRun(server, runId, (candidate) => candidate.status === 'failed');
      expect(run.steps.at(-1).detail.error.message).toMatch(/config\.body.*not valid JSON/);
    }
    expect(sink.received).toHaveLength(0);
  });

  it("sends the CM Telecom library preset as the seed's bytes for 1, 2 and 200 customers, its token in the integration's header", async () => {
    const { server, sink } = context;
    const preset = JSON.parse(
      readFileSync(new URL('../../templates/presets/cm-telecom-bulk-sms.json', import.meta.url), 'utf8'),
    );
    // The seed's product token, as CM.com's recommended X-CM-PRODUCTTOKEN header of an integration.
    const token = '00000000-0000-0000-0000-000000000000';
    const integration = await server.api('POST', '/api/integrations', {
      name: 'CM.com',
      type: 'headers',
      endpointPrefix: sink.url,
      headers: [{ key: 'X-CM-PRODUCTTOKEN', value: token, secret: true }],
    });
    const bodies: string[] = [];
    // 200 is the most an on-event batch carries; the library test renders 1000.
    for (const count of [1, 2, 200]) {
      sink.received.length = 0;
      const customers = ids(count, `n${count}-`);
      await server.store.commit({
        customers: customers.map((id, i) => ({
          id,
          attributes: { user_phone_number: `0044791${count}${i}` },
        })),
        now: new Date().toISOString(),
      });
      // The batch size equals the count, so the batch leaves as soon as it is full.
      const sms = webhookNode('sms', `${sink.url}/sms`, {
        ...preset.webhook,
        url: `${sink.url}/sms`,
        batch: { ...preset.webhook.batch, size: count, windowMs: 60_000 },
        parameters: preset.sample.parameters,
        integrationId: integration.body.id,
      });
      await activeScenario(server, {
        nodes: [triggerNode('start', `sms${count}`), sms],
        edges: [edge('start', 'sms')],
      });
      const sent = await server.api(
        'POST',
        '/api/events',
        customers.map((id) => ({ customer_id: id, type: `sms${count}` })),
      );
      expect(sent.status).toBe(202);
      const [request] = await sink.waitFor(1, 10_000);
      expect(request!.headers['content-type']).toBe('application/json');
      expect(request!.headers['x-cm-producttoken']).toBe(token);
      bodies.push(request!.body);
    }
    const message = (to: string) =>
      // The seed's message, its "authentication" block moved to the header.
      '{\n  "messages": {\n' +
      '    "msg": [\n      {\n        "allowedChannels": ["RCS", "SMS"],\n        "from": "SenderName",\n' +
      `        "to": [\n          ${to}\n        ],\n` +
      '        "body": {\n          "type": "auto",\n          "content": "Other Test message"\n        }\n      }\n    ]\n  }\n}';
    expect(bodies[0]).toBe(message('{ "number": "004479110" }'));
    expect(bodies[1]).toBe(message('{ "number": "004479120" },\n { "number": "004479121" }'));
    const full = JSON.parse(bodies[2]!);
    expect(full.messages.msg[0].to).toHaveLength(200);
    expect(full.messages.msg[0].to[199]).toEqual({ number: '0044791200199' });
  });
});

describe('batch buffer across restarts', () => {
  const context = sinkAndDataDir();
  const { sink } = context;

  it('sends a half-filled batch queued before a stop after the restart, once', async () => {
    const first = await startTestServer(context.dataDir);
    await activeScenario(first, batchScenario(sink.url, { size: 10, windowMs: 1000 }));
    const runIds = await sendEvents(first, ids(4));
    await first.close();
    await settle(1200);
    expect(sink.received).toHaveLength(0);

    const second = await startTestServer(context.dataDir);
    try {
      await sink.waitFor(1 + 4, 5000);
      for (const runId of runIds) await waitForRun(second, runId, (run) => run.status === 'completed');
      await settle(1200);
      expect(bulkBodies(sink)).toEqual([{ batch: ids(4).map((id) => ({ id })), count: 4 }]);
    } finally {
      await second.close();
    }
  });
});

describe('batch webhooks under a throughput policy', () => {
  const context = serverWithSink();

  it('share the policy limit with single webhooks: never more requests open than the limit', async () => {
    const { server, sink } = context;
    let open = 0;
    let most = 0;
    const original = (sink as any).handle.bind(sink);
    (sink as any).handle = async (request: any, response: any) => {
      if (request.url === '/echo') return original(request, response);
      open += 1;
      most = Math.max(most, open);
      await settle(100);
      open -= 1;
      return original(request, response);
    };
    const policy = await server.api('POST', '/api/throughput-policies', { name: 'partner', concurrency: 2 });
    const throughputPolicyId = policy.body.id;
    await activeScenario(
      server,
      batchScenario(sink.url, { size: 5, windowMs: 60_000 }, { throughputPolicyId }),
    );
    await activeScenario(server, {
      nodes: [
        triggerNode('start', 'single'),
        webhookNode('one', `${sink.url}/one`, { body: '{}', throughputPolicyId }),
      ],
      edges: [edge('start', 'one')],
    });
    await sendEvents(server, ids(30));
    await server.api(
      'POST',
      '/api/events',
      ids(6, 's').map((id) => ({ customer_id: id, type: 'single' })),
    );
    // 6 batches, 6 singles, then 30 echoes (no policy).
    await sink.waitFor(6 + 6 + 30, 15_000);
    expect(bulkRequests(sink)).toHaveLength(6);
    expect(most).toBe(2);
    const limited = sink.received.filter((request) => request.url !== '/echo');
    expect(limited).toHaveLength(12);
  });
});
