import { describe, expect, it } from 'vitest';
import { receivedIds } from './helpers/fan-out-fixtures.ts';
import { waitThenWebhook } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from './helpers/test-server.ts';

describe('event → wait 2 s → webhook', () => {
  const context = serverWithSink();

  it('keeps the run waiting 2 s without sending, then delivers once the wait is over', async () => {
    await activeScenario(context.server, waitThenWebhook(context.sink.url, 2));
    const sentAt = Date.now();
    const sent = await context.server.api('POST', '/api/events', { customer_id: 'w1', type: 'signup' });
    const runId = sent.body.events[0].runIds[0];

    const waiting = await context.server.api('GET', `/api/runs/${runId}`);
    expect(waiting.body.status).toBe('waiting');
    expect(waiting.body.nodeId).toBe('pause');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await context.server.api('GET', `/api/runs/${runId}`)).body.status).toBe('waiting');
    expect(context.sink.received).toHaveLength(0);

    // How soon after the wait it is sent is measured in test/bench; a busy machine may be slow.
    const [request] = await context.sink.waitFor(1, 15_000);
    expect(request!.at - sentAt).toBeGreaterThanOrEqual(2000);
    expect(request!.body).toBe('{"id":"w1"}');
    await waitForRun(context.server, runId, (run) => run.status === 'completed');
  });

  it('wakes 1,000 waiting runs through one wake job, none early', async () => {
    await activeScenario(context.server, waitThenWebhook(context.sink.url, 1));
    const events = Array.from({ length: 1000 }, (_, i) => ({ customer_id: `bulk-${i}`, type: 'signup' }));
    const sentAt = Date.now();
    const sent = await context.server.api('POST', '/api/events', events);
    expect(sent.status).toBe(202);
    // Sending 1,000 requests takes seconds on a loaded 2-core machine: lateness itself is the
    // scheduler-lateness benchmark's figure, so this bounds the wait generously.
    // One delivery per customer; a request sent again after its timeout on a loaded machine
    // carries its first webhook-id and is the same delivery.
    const deadline = Date.now() + 30_000;
    while (receivedIds(context.sink.received).length < 1000 && Date.now() < deadline)
      await context.sink.waitFor(context.sink.received.length + 1, deadline - Date.now()).catch(() => {});
    const received = context.sink.received;
    expect(Math.min(...received.map((request) => request.at)) - sentAt).toBeGreaterThanOrEqual(1000);
    const delivered = receivedIds(received);
    expect(new Set(delivered).size).toBe(1000);
    expect(delivered).toHaveLength(1000);
    const jobs = context.server.store.db.prepare('SELECT count(*) AS n FROM agenda_jobs').get() as {
      n: number;
    };
    expect(jobs.n).toBeLessThanOrEqual(1);
  }, 40_000);
});
