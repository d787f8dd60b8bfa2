import { describe, expect, it } from 'vitest';
import { activeScenario, sinkAndDataDir, startTestServer, waitForRun } from './helpers/test-server.ts';
import { triggerToWebhook, waitThenWebhook } from './helpers/scenarios.ts';

describe('durability across restarts', () => {
  const context = sinkAndDataDir();
  const { sink } = context;

  it('completes every waiting run after the server restarts, one request per run', async () => {
    const first = await startTestServer(context.dataDir);
    await activeScenario(first, waitThenWebhook(sink.url, 1));
    const customers = Array.from({ length: 20 }, (_, i) => ({ customer_id: `r${i}`, type: 'signup' }));
    const sent = await first.api('POST', '/api/events', customers);
    const runIds: string[] = sent.body.events.flatMap((event: any) => event.runIds);
    expect(runIds).toHaveLength(20);
    await first.close();

    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(sink.received).toHaveLength(0);
    const second = await startTestServer(context.dataDir);
    try {
      await sink.waitFor(20, 5000);
      for (const runId of runIds) await waitForRun(second, runId, (run) => run.status === 'completed');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const bodies = sink.received.map((request) => JSON.parse(request.body).id).sort();
      expect(bodies).toEqual(customers.map((c) => c.customer_id).sort());
    } finally {
      await second.close();
    }
  });

  it('sends a delivery saved before a crash after restart, with the same webhook-id', async () => {
    const crashed = await startTestServer(context.dataDir, { deliveryWorker: false });
    await activeScenario(crashed, triggerToWebhook('ping', sink.url));
    const sent = await crashed.api('POST', '/api/events', { customer_id: 'x1', type: 'ping' });
    const runId = sent.body.events[0].runIds[0];
    const [saved] = crashed.store.db.prepare('SELECT id FROM deliveries WHERE run_id = ?').all(runId) as {
      id: string;
    }[];
    expect(saved?.id).toMatch(/^msg_/);
    await crashed.close();
    expect(sink.received).toHaveLength(0);

    const restarted = await startTestServer(context.dataDir);
    try {
      const [request] = await sink.waitFor(1);
      expect(request!.headers['webhook-id']).toBe(saved!.id);
      expect(request!.body).toBe('{"customer":"x1"}');
      await waitForRun(restarted, runId, (run) => run.status === 'completed');
      expect(sink.received).toHaveLength(1);
    } finally {
      await restarted.close();
    }
  });

  it('keeps a pending retry across a restart and sends it once, same webhook-id', async () => {
    let calls = 0;
    sink.respond = () => (++calls === 1 ? { status: 503 } : { status: 200 });
    const first = await startTestServer(context.dataDir);
    const definition = triggerToWebhook('ping', sink.url);
    (definition.nodes[1] as any).config.retry = { maxAttempts: 3, initialDelayMs: 1500, maxDelayMs: 2000 };
    await activeScenario(first, definition);
    const sent = await first.api('POST', '/api/events', { customer_id: 'retry-1', type: 'ping' });
    const runId = sent.body.events[0].runIds[0];
    await waitForRun(first, runId, (run) => run.steps.some((step: any) => step.kind === 'webhook'));
    await first.close();
    expect(sink.received).toHaveLength(1);

    const second = await startTestServer(context.dataDir);
    try {
      const run = await waitForRun(second, runId, (r) => r.status === 'completed', 5000);
      expect(sink.received).toHaveLength(2);
      expect(sink.received[1]!.headers['webhook-id']).toBe(sink.received[0]!.headers['webhook-id']);
      const attempts = run.steps.filter((step: any) => step.kind === 'webhook');
      expect(attempts.map((step: any) => step.detail.response.status)).toEqual([503, 200]);
    } finally {
      await second.close();
    }
  });
});
