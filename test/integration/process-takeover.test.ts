import { afterEach, describe, expect, it } from 'vitest';
import { triggerToWebhook } from './helpers/scenarios.ts';
import { type ServerProcess, startServerProcess } from './helpers/server-process.ts';
import {
  apiClient,
  sinkAndDataDir,
  startTestServer,
  type TestServer,
  waitForRun,
} from './helpers/test-server.ts';

// After a kill -9, the deliveries the dead process had in flight waited out a 150 s lease. Now
// the other processes take them over once its heartbeat stops (5 s).

describe('a process killed with a delivery in flight', () => {
  const context = sinkAndDataDir();
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it(
    'has its delivery sent again by another process within 10 s, with the same webhook-id',
    { timeout: 60_000 },
    async () => {
      // The first request is held open, as a slow receiver would: it is in flight when the kill comes.
      let held = false;
      const hold = new Promise<void>((resolve) => cleanup.push(async () => resolve()));
      context.sink.respond = () => {
        if (held) return { status: 200, body: '{"ok":true}' };
        held = true;
        return { status: 200, body: '{"ok":true}', after: hold };
      };
      const doomed: ServerProcess = await startServerProcess(context.dataDir);
      cleanup.push(async () => doomed.child.kill('SIGKILL'));
      const api = apiClient(doomed.url);
      const created = await api('POST', '/api/scenarios', {
        name: 'welcome',
        definition: triggerToWebhook('signup', context.sink.url),
      });
      expect((await api('POST', `/api/scenarios/${created.body.id}/activate`)).status).toBe(200);
      const sent = await api('POST', '/api/events', { customer_id: 'c-1', type: 'signup' });
      const runId: string = sent.body.events[0].runIds[0];
      const [first] = await context.sink.waitFor(1);

      const survivor: TestServer = await startTestServer(context.dataDir);
      cleanup.push(() => survivor.close());
      doomed.child.kill('SIGKILL');
      await doomed.exited;

      // Resent within 10 s of the kill (waitFor gives up after that).
      const received = await context.sink.waitFor(2, 10_000);
      expect(received[1]!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
      const run = await waitForRun(survivor, runId, (found) => found.status === 'completed');
      expect(run.status).toBe('completed');
    },
  );
});
