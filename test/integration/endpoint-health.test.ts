import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpSink } from './helpers/http-sink.ts';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from './helpers/test-server.ts';

describe('the health of scenario webhook endpoints', () => {
  const context = serverWithSink();
  const down = new HttpSink();
  beforeEach(async () => {
    down.respond = () => ({ status: 502 });
    await down.start();
  });
  afterEach(() => down.stop());

  it('shows per host, from the stored deliveries, the success rate, failures in a row and the last error', async () => {
    const { server, sink } = context;
    await activeScenario(server, {
      nodes: [
        triggerNode('start', 'ping'),
        webhookNode('up', `${sink.url}/up`, { retry: { maxAttempts: 1 } }),
        webhookNode('down', `${down.url}/down`, { retry: { maxAttempts: 1 } }),
      ],
      edges: [edge('start', 'up'), edge('up', 'down', 'success')],
    });
    const sent = await server.api(
      'POST',
      '/api/events',
      Array.from({ length: 10 }, (_, i) => ({ customer_id: `c-${i}`, type: 'ping' })),
    );
    for (const event of sent.body.events)
      await waitForRun(server, event.runIds[0], (run) => ['completed', 'failed'].includes(run.status));
    const health = await server.api('GET', '/api/endpoint-health?hours=1');
    expect(health.status).toBe(200);
    expect(health.body.deliveries).toBe(20);
    expect(health.body.hosts).toEqual([
      expect.objectContaining({
        host: new URL(down.url).host,
        deliveries: 10,
        failed: 10,
        successRate: 0,
        consecutiveFailures: 10,
        lastError: 'HTTP 502',
        warning: true,
      }),
      expect.objectContaining({
        host: new URL(sink.url).host,
        deliveries: 10,
        successRate: 1,
        warning: false,
      }),
    ]);
    expect((await server.api('GET', '/api/endpoint-health?hours=0')).status).toBe(400);
  });
});
