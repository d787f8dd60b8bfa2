import { describe, expect, it } from 'vitest';
import { HttpSink } from './helpers/http-sink.ts';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import {
  activeScenario,
  makeDataDir,
  removeDataDir,
  startTestServer,
  waitForRun,
  capturedLog,
} from './helpers/test-server.ts';

const CANARY = 'log-canary-3d9a71';

describe('secrets and logs', () => {
  it('never writes a secret to the log, even at trace level and on failures', async () => {
    const log = capturedLog();
    const dataDir = makeDataDir();
    const sink = new HttpSink();
    await sink.start();
    sink.respond = () => ({ status: 500, body: 'boom' });
    const server = await startTestServer(dataDir, { logger: log.logger });
    try {
      const integration = await server.api('POST', '/api/integrations', {
        name: 'with secret',
        type: 'headers',
        endpointPrefix: sink.url,
        headers: [{ key: 'X-Token', value: CANARY, secret: true }],
      });
      await activeScenario(server, {
        nodes: [
          triggerNode('start', 'go'),
          webhookNode('call', `${sink.url}/x`, {
            integrationId: integration.body.id,
            body: '{}',
            retry: { maxAttempts: 1 },
          }),
        ],
        edges: [edge('start', 'call')],
      });
      const sent = await server.api('POST', '/api/events', { customer_id: 'c', type: 'go' });
      await waitForRun(server, sent.body.events[0].runIds[0], (run) => run.status === 'failed');
      await server.api('PUT', `/api/integrations/${integration.body.id}`, { name: 'broken' });
      expect(sink.received[0]!.headers['x-token']).toBe(CANARY);
      expect(log.text().length).toBeGreaterThan(0);
      expect(log.text()).not.toContain(CANARY);
    } finally {
      await server.close();
      await sink.stop();
      removeDataDir(dataDir);
    }
  });
});
