import { describe, expect, it } from 'vitest';
import { scrape, sampleValue } from './helpers/prometheus-text.ts';
import { edge, triggerNode, waitThenWebhook, webhookNode } from './helpers/scenarios.ts';
import {
  activeScenario,
  makeDataDir,
  removeDataDir,
  serverWithSink,
  startTestServer,
  TEST_API_KEY,
} from './helpers/test-server.ts';

const attempts = (outcome: string) => ['hookflow_delivery_attempts_total', { outcome }] as const;

describe('GET /metrics', () => {
  const context = serverWithSink();

  const sendEvents = (events: { customer_id: string; type: string; properties?: unknown }[]) =>
    context.server.api('POST', '/api/events', events);

  it('answers in the Prometheus text format with the engine’s metrics and Node’s own, without a key', async () => {
    const response = await fetch(`${context.server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    for (const [name, type] of [
      ['hookflow_delivery_attempts_total', 'counter'],
      ['hookflow_lease_takeovers_total', 'counter'],
      ['hookflow_store_commit_duration_seconds', 'histogram'],
      ['hookflow_deliveries_pending', 'gauge'],
      ['hookflow_deliveries_due', 'gauge'],
      ['hookflow_deliveries_sending', 'gauge'],
      ['hookflow_batch_buffer_customers', 'gauge'],
      ['hookflow_batch_buffer_oldest_seconds', 'gauge'],
      ['hookflow_waits_scheduled', 'gauge'],
      ['hookflow_waits_due', 'gauge'],
      ['hookflow_waits_overdue_seconds', 'gauge'],
      ['hookflow_throughput_in_flight', 'gauge'],
      ['hookflow_throughput_concurrency', 'gauge'],
      ['hookflow_processes_live', 'gauge'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
      ['nodejs_heap_size_used_bytes', 'gauge'],
      ['process_resident_memory_bytes', 'gauge'],
    ])
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
    expect(text).not.toContain(TEST_API_KEY);
  });

  it('counts delivery attempts by outcome and times the commits that saved them', async () => {
    const { server, sink } = context;
    let failedOnce = false;
    sink.respond = (request) => {
      const customer = JSON.parse(request.body).customer as string;
      if (customer === 'c-bad') return { status: 400, body: '{}' };
      if (customer === 'c-flaky' && !failedOnce) {
        failedOnce = true;
        return { status: 503, body: '{}' };
      }
      return { status: 200, body: '{}' };
    };
    // The host is the event's: a private address is refused when sending, not at activation.
    await activeScenario(server, {
      nodes: [
        triggerNode('start', 'go'),
        webhookNode('call', 'http://{{ event.properties.host }}/x', {
          body: '{"customer":"{{ customer.id }}"}',
        }),
      ],
      edges: [edge('start', 'call')],
    });
    const before = await scrape(server.url);
    const host = new URL(sink.url).host;
    const sent = await sendEvents([
      { customer_id: 'c-ok', type: 'go', properties: { host } },
      { customer_id: 'c-flaky', type: 'go', properties: { host } },
      { customer_id: 'c-bad', type: 'go', properties: { host } },
      { customer_id: 'c-private', type: 'go', properties: { host: '10.0.0.1' } },
    ]);
    expect(sent.status).toBe(202);
    await sink.waitFor(4, 10_000);
    await expect
      .poll(async () => sampleValue(await scrape(server.url), ...attempts('delivered')), { timeout: 10_000 })
      .toBe(2);
    const after = await scrape(server.url);
    expect(sampleValue(after, ...attempts('retry'))).toBe(1);
    expect(sampleValue(after, ...attempts('failed'))).toBe(1);
    expect(sampleValue(after, ...attempts('refused'))).toBe(1);
    const commits = (samples: typeof after) =>
      sampleValue(samples, 'hookflow_store_commit_duration_seconds_count');
    // The events' commit and one per attempt's result, at least.
    expect(commits(after) - commits(before)).toBeGreaterThanOrEqual(5);
    expect(sampleValue(after, 'hookflow_store_commit_duration_seconds_sum')).toBeGreaterThan(0);
  });

  it('shows requests in flight and the limit of each throughput policy, by id and name', async () => {
    const { server, sink } = context;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    sink.respond = () => ({ status: 200, body: '{}', after: held });
    const policy = await server.api('POST', '/api/throughput-policies', { name: 'crm', concurrency: 5 });
    await activeScenario(server, {
      nodes: [
        triggerNode('start', 'go'),
        webhookNode('call', `${sink.url}/x`, { throughputPolicyId: policy.body.id, body: '{}' }),
      ],
      edges: [edge('start', 'call')],
    });
    await sendEvents([1, 2, 3].map((n) => ({ customer_id: `c${n}`, type: 'go' })));
    await sink.waitFor(3);
    const labels = { policy_id: policy.body.id, policy: 'crm' };
    await expect
      .poll(async () => sampleValue(await scrape(server.url), 'hookflow_throughput_in_flight', labels), {
        timeout: 5000,
      })
      .toBe(3);
    const during = await scrape(server.url);
    expect(sampleValue(during, 'hookflow_throughput_concurrency', labels)).toBe(5);
    expect(sampleValue(during, 'hookflow_deliveries_sending')).toBe(3);
    expect(sampleValue(during, 'hookflow_processes_live')).toBe(1);
    release();
    await expect
      .poll(async () => sampleValue(await scrape(server.url), 'hookflow_throughput_in_flight', labels), {
        timeout: 5000,
      })
      .toBe(0);
  });

  it('asks for HOOKFLOW_METRICS_KEY when it is set, and the management key does not open it', async () => {
    const dataDir = makeDataDir();
    const metricsKey = 'hfm_metrics-key-0123456789';
    const server = await startTestServer(dataDir, {}, { HOOKFLOW_METRICS_KEY: metricsKey });
    try {
      const status = async (authorization?: string) =>
        (await fetch(`${server.url}/metrics`, authorization ? { headers: { authorization } } : {})).status;
      expect(await status()).toBe(401);
      expect(await status(`Bearer ${TEST_API_KEY}`)).toBe(401);
      expect(await status(`Bearer ${metricsKey}x`)).toBe(401);
      const refused = await fetch(`${server.url}/metrics`);
      expect((await refused.json()).error.message).toContain('HOOKFLOW_METRICS_KEY');
      expect(sampleValue(await scrape(server.url, metricsKey), 'hookflow_processes_live')).toBe(1);
    } finally {
      await server.close();
      removeDataDir(dataDir);
    }
  });
});

describe('GET /metrics on a server whose deliveries are not being sent', () => {
  const context = serverWithSink({ overrides: { deliveryWorker: false } });

  it('reports the pending and due deliveries, the waits and the batch buffer from the store', async () => {
    const { server, sink } = context;
    await activeScenario(server, {
      nodes: [triggerNode('start', 'now'), webhookNode('call', `${sink.url}/x`, { body: '{}' })],
      edges: [edge('start', 'call')],
    });
    await activeScenario(server, waitThenWebhook(`${sink.url}/later`, 3600));
    await activeScenario(server, {
      nodes: [
        triggerNode('start', 'bulk'),
        webhookNode('batch', `${sink.url}/bulk`, {
          body: '[{{ customers | join(",") }}]',
          batch: { customerTemplate: '"{{ customer.id }}"', size: 100, windowMs: 600_000 },
        }),
      ],
      edges: [edge('start', 'batch')],
    });
    const events = [
      ...[1, 2, 3].map((n) => ({ customer_id: `now${n}`, type: 'now' })),
      ...[1, 2].map((n) => ({ customer_id: `wait${n}`, type: 'signup' })),
      ...[1, 2, 3, 4].map((n) => ({ customer_id: `bulk${n}`, type: 'bulk' })),
    ];
    expect((await server.api('POST', '/api/events', events)).status).toBe(202);
    await expect
      .poll(async () => sampleValue(await scrape(server.url), 'hookflow_batch_buffer_customers'), {
        timeout: 5000,
      })
      .toBe(4);
    const samples = await scrape(server.url);
    expect(sampleValue(samples, 'hookflow_deliveries_pending')).toBe(3);
    expect(sampleValue(samples, 'hookflow_deliveries_due')).toBe(3);
    expect(sampleValue(samples, 'hookflow_deliveries_sending')).toBe(0);
    expect(sampleValue(samples, 'hookflow_waits_scheduled')).toBe(2);
    expect(sampleValue(samples, 'hookflow_waits_due')).toBe(0);
    expect(sampleValue(samples, 'hookflow_waits_overdue_seconds')).toBe(0);
    expect(sampleValue(samples, 'hookflow_batch_buffer_oldest_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'hookflow_batch_buffer_oldest_seconds')).toBeLessThan(60);
    expect(sink.received).toEqual([]);
  });
});
