import { afterEach, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';
import { apiClient, sinkAndDataDir, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { eventsAt, subscribe, waitForEvents } from './helpers.ts';

describe('event subscriptions across a crash', () => {
  const context = sinkAndDataDir();
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('sends an event saved with its step by a process that stopped before sending it, once, after a restart', async () => {
    const { sink } = context;
    const stopped = await startTestServer(context.dataDir, { notifier: false });
    await subscribe(stopped, { url: `${sink.url}/events`, events: [{ type: 'customer.created' }] });
    expect((await stopped.api('POST', '/api/events', { customer_id: 'c-1', type: 'signup' })).status).toBe(
      202,
    );
    const saved = stopped.store.db.prepare('SELECT type, customer_id FROM notices').all();
    expect(saved).toEqual([{ type: 'customer.created', customer_id: 'c-1' }]);
    await stopped.close();
    expect(eventsAt(sink, '/events')).toHaveLength(0);

    const restarted = await startTestServer(context.dataDir);
    cleanup.push(() => restarted.close());
    const [request] = await waitForEvents(sink, { path: '/events', count: 1, settleMs: 1500 });
    expect(eventsAt(sink, '/events')).toHaveLength(1);
    expect(request!.json).toMatchObject({ event: 'customer.created', properties: { customer_id: 'c-1' } });
  });

  it('after a kill -9 between the commit and the send, another process sends the event once, with the webhook-id it had before the crash', async () => {
    const { sink } = context;
    const doomed: ServerProcess = await startServerProcess(context.dataDir);
    cleanup.push(async () => doomed.child.kill('SIGKILL'));
    const api = apiClient(doomed.url);
    // A flush cadence holds the saved delivery until its tick: the kill comes in that window.
    const cadence = 5000;
    const subscription = (
      await api('POST', '/api/subscriptions', {
        name: 'CRM',
        url: `${sink.url}/events`,
        events: [{ type: 'customer.created' }],
        settings: { flushSeconds: cadence / 1000 },
      })
    ).body;
    const untilTick = cadence - (Date.now() % cadence);
    if (untilTick < cadence / 2) await new Promise((resolve) => setTimeout(resolve, untilTick + 50));
    expect((await api('POST', '/api/events', { customer_id: 'c-7', type: 'signup' })).status).toBe(202);
    let pending: any;
    await expect
      .poll(
        async () => {
          [pending] = (await api('GET', `/api/subscriptions/${subscription.id}/deliveries`)).body.items;
          return pending?.status;
        },
        { timeout: 4000 },
      )
      .toBe('pending');

    doomed.child.kill('SIGKILL');
    await doomed.exited;
    expect(eventsAt(sink, '/events')).toHaveLength(0);

    const survivor: TestServer = await startTestServer(context.dataDir);
    cleanup.push(() => survivor.close());
    const received = await waitForEvents(sink, {
      path: '/events',
      count: 1,
      timeoutMs: cadence + 5000,
      settleMs: 1500,
    });
    expect(received).toHaveLength(1);
    expect(received[0]!.headers['webhook-id']).toBe(pending.id);
    expect(received[0]!.json).toMatchObject({
      event: 'customer.created',
      properties: { customer_id: 'c-7' },
    });
    const log = await survivor.api('GET', `/api/subscriptions/${subscription.id}/deliveries`);
    expect(log.body.items).toEqual([expect.objectContaining({ id: pending.id, status: 'done' })]);
  }, 45_000);

  it('after a kill -9 mid-send, another process sends the event again with the same webhook-id, and logs one delivery', async () => {
    const { sink } = context;
    // The first call is held open, as a slow receiver would: it is in flight when the kill comes.
    let held = false;
    const hold = new Promise<void>((resolve) => cleanup.push(async () => resolve()));
    sink.respond = () => {
      if (held) return { status: 200 };
      held = true;
      return { status: 200, after: hold };
    };
    const doomed: ServerProcess = await startServerProcess(context.dataDir);
    cleanup.push(async () => doomed.child.kill('SIGKILL'));
    const api = apiClient(doomed.url);
    const subscription = (
      await api('POST', '/api/subscriptions', {
        name: 'CRM',
        url: `${sink.url}/events`,
        events: [{ type: 'customer.created' }],
      })
    ).body;
    expect((await api('POST', '/api/events', { customer_id: 'c-9', type: 'signup' })).status).toBe(202);
    const [first] = await waitForEvents(sink, { path: '/events', count: 1, settleMs: 0 });

    const survivor: TestServer = await startTestServer(context.dataDir);
    cleanup.push(() => survivor.close());
    doomed.child.kill('SIGKILL');
    await doomed.exited;

    // The dead process's heartbeat stops; within 10 s the survivor sends it again.
    const received = await waitForEvents(sink, {
      path: '/events',
      count: 2,
      timeoutMs: 10_000,
      settleMs: 1500,
    });
    expect(received).toHaveLength(2);
    expect(received[1]!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(received[1]!.body).toBe(first!.body);
    const log = await survivor.api('GET', `/api/subscriptions/${subscription.id}/deliveries`);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ id: first!.headers['webhook-id'], status: 'done' });
  }, 40_000);
});
