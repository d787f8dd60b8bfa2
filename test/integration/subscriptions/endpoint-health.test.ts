import { describe, expect, it } from 'vitest';
import { serverWithSink } from '../helpers/test-server.ts';
import { eventsAt, subscribe, waitForEvents } from './helpers.ts';

const signups = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ customer_id: `c-${from + i}`, type: 'signup' }));

/** Polls a subscription until `predicate` holds (or fails after 10 s). */
async function waitForSubscription(server: any, id: string, predicate: (body: any) => boolean): Promise<any> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { body } = await server.api('GET', `/api/subscriptions/${id}`);
    if (predicate(body)) return body;
    if (Date.now() > deadline)
      throw new Error(`subscription never reached the state: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('event subscriptions: endpoint health', () => {
  const context = serverWithSink();

  /** A customer.created subscription without retries whose endpoint answers `answer` (changeable). */
  async function answering(status: number): Promise<{ answer: number; subscription: any }> {
    const { server, sink } = context;
    const endpoint = { answer: status, subscription: null as any };
    sink.respond = (request) => (request.url === '/events' ? { status: endpoint.answer } : { status: 200 });
    endpoint.subscription = await subscribe(server, {
      url: `${sink.url}/events`,
      events: [{ type: 'customer.created' }],
      settings: { retry: { maxAttempts: 1 } },
    });
    return endpoint;
  }

  it('disables a subscription after 10 failed calls in a row, alerts, and saving it again re-enables it', async () => {
    const { server, sink } = context;
    let failing = true;
    sink.respond = (request) =>
      request.url === '/events' && failing ? { status: 400, body: 'bad token' } : { status: 200 };
    const input = {
      name: 'Warehouse',
      url: `${sink.url}/events`,
      events: [{ type: 'customer.created' }],
      settings: { alert: { url: `${sink.url}/alerts`, intervalMinutes: 60 } },
    };
    const subscription = await subscribe(server, input);
    await server.api('POST', '/api/events', signups(1));
    await waitForSubscription(server, subscription.id, (body) => body.health.consecutiveFailures === 1);
    // Failing now: its calls go one at a time, so the 10th failure stops the rest.
    await server.api('POST', '/api/events', signups(11, 1));
    await waitForEvents(sink, { path: '/events', count: 10, settleMs: 0 });
    const disabled = await waitForSubscription(
      server,
      subscription.id,
      (body) => body.health.disabledAt !== null,
    );
    expect(disabled.health).toMatchObject({ consecutiveFailures: 10, lastError: 'HTTP 400' });
    // No 11th call: the last two events wait while it is disabled.
    // One alert when it started failing, one more at once when it was disabled.
    const [failingAlert, alert] = await waitForEvents(sink, { path: '/alerts', count: 2, settleMs: 1000 });
    expect(eventsAt(sink, '/events')).toHaveLength(10);
    expect(failingAlert!.json.properties).toMatchObject({ disabled: false, last_error: 'HTTP 400' });
    expect(alert!.json).toMatchObject({
      event: 'subscription.failing',
      properties: {
        subscription_id: subscription.id,
        subscription_name: 'Warehouse',
        disabled: true,
        consecutive_failures: 10,
        last_error: 'HTTP 400',
      },
    });
    const log = await server.api('GET', `/api/subscriptions/${subscription.id}/deliveries?status=failed`);
    expect(log.body.items).toHaveLength(10);
    expect(log.body.items[0].attempts[0]).toMatchObject({ status: 400, error: 'HTTP 400' });
    expect(log.body.items[0].attempts[0].response.body).toBe('bad token');

    failing = false;
    const saved = await server.api('PUT', `/api/subscriptions/${subscription.id}`, input);
    expect(saved.body.health).toMatchObject({ disabledAt: null, consecutiveFailures: 0 });
    // The held events go out now; failed ones stay failed until replayed.
    const received = await waitForEvents(sink, { path: '/events', count: 12 });
    expect(
      received
        .slice(10)
        .map((request) => request.json.properties.customer_id)
        .sort(),
    ).toEqual(['c-10', 'c-11']);
    expect(eventsAt(sink, '/alerts')).toHaveLength(2);
  }, 30_000);

  it('a successful test event re-enables a disabled subscription; a failing one changes nothing', async () => {
    const { server, sink } = context;
    const endpoint = await answering(500);
    const subscription = endpoint.subscription;
    await server.api('POST', '/api/events', signups(10));
    await waitForSubscription(server, subscription.id, (body) => body.health.disabledAt !== null);

    endpoint.answer = 503;
    const failed = await server.api('POST', `/api/subscriptions/${subscription.id}/test`, {
      type: 'run.failed',
    });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', test: true, eventType: 'run.failed' });
    expect(
      (await server.api('GET', `/api/subscriptions/${subscription.id}`)).body.health.disabledAt,
    ).not.toBeNull();

    endpoint.answer = 200;
    const good = await server.api('POST', `/api/subscriptions/${subscription.id}/test`, {});
    expect(good.body).toMatchObject({ status: 'done', eventType: 'customer.created' });
    expect(good.body.attempts).toHaveLength(1);
    const sample = eventsAt(sink, '/events').at(-1)!;
    expect(sample.json).toMatchObject({ event: 'customer.created', properties: { customer_id: 'c-1042' } });
    expect(sample.headers['webhook-id']).toBe(good.body.id);
    expect((await server.api('GET', `/api/subscriptions/${subscription.id}`)).body.health).toMatchObject({
      disabledAt: null,
      consecutiveFailures: 0,
    });
  }, 30_000);

  it('replays one delivery or every failed one in a time range, each with its webhook-id', async () => {
    const { server, sink } = context;
    const endpoint = await answering(500);
    const subscription = endpoint.subscription;
    const start = new Date().toISOString();
    await server.api('POST', '/api/events', signups(3));
    const failed = await waitForEvents(sink, { path: '/events', count: 3 });
    const ids = failed.map((request) => request.headers['webhook-id']);
    endpoint.answer = 200;

    const one = await server.api('POST', `/api/subscriptions/${subscription.id}/deliveries/${ids[0]}/replay`);
    expect(one.status).toBe(202);
    expect(one.body).toEqual({ replayed: [ids[0]] });
    const [, , , replayed] = await waitForEvents(sink, { path: '/events', count: 4 });
    expect(replayed!.headers['webhook-id']).toBe(ids[0]);
    expect(replayed!.body).toBe(failed[0]!.body);

    const range = { from: start, to: new Date(Date.now() + 1000).toISOString() };
    const all = await server.api('POST', `/api/subscriptions/${subscription.id}/replay`, range);
    expect(all.body.replayed.sort()).toEqual([ids[1], ids[2]].sort());
    const received = await waitForEvents(sink, { path: '/events', count: 6 });
    expect(
      received
        .slice(4)
        .map((request) => request.headers['webhook-id'])
        .sort(),
    ).toEqual([ids[1], ids[2]].sort());

    const log = await server.api('GET', `/api/subscriptions/${subscription.id}/deliveries/${ids[0]}`);
    expect(log.body.status).toBe('done');
    expect(log.body.attempts.map((attempt: any) => [attempt.status, attempt.replayed ?? false])).toEqual([
      [500, false],
      [200, true],
    ]);
    expect(log.body.request.headers['webhook-id']).toBe(ids[0]);

    const again = await server.api('POST', `/api/subscriptions/${subscription.id}/replay`, range);
    expect(again.body).toEqual({ replayed: [] });
    const backwards = await server.api('POST', `/api/subscriptions/${subscription.id}/replay`, {
      from: range.to,
      to: range.from,
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues[0]).toMatchObject({ field: 'to', message: 'from must be before to' });
    const missing = await server.api(
      'POST',
      `/api/subscriptions/${subscription.id}/deliveries/msg_nope/replay`,
    );
    expect(missing.status).toBe(404);
  }, 30_000);

  it('filters the delivery log by status and time', async () => {
    const { server, sink } = context;
    sink.respond = (request) =>
      request.url === '/events' && request.body.includes('c-bad') ? { status: 422 } : { status: 200 };
    const subscription = await subscribe(server, {
      url: `${sink.url}/events`,
      events: [{ type: 'customer.created' }],
    });
    await server.api('POST', '/api/events', [
      { customer_id: 'c-ok', type: 'signup' },
      { customer_id: 'c-bad', type: 'signup' },
    ]);
    await waitForEvents(sink, { path: '/events', count: 2 });
    const log = (query: string) =>
      server.api('GET', `/api/subscriptions/${subscription.id}/deliveries${query}`);
    expect((await log('')).body.items.map((item: any) => item.status).sort()).toEqual(['done', 'failed']);
    expect((await log('?status=failed')).body.items.map((item: any) => item.customerId)).toEqual(['c-bad']);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await log(`?from=${encodeURIComponent(future)}`)).body.items).toEqual([]);
    expect((await log('?status=lost')).status).toBe(400);
    expect((await server.api('GET', '/api/subscriptions/sub_nope/deliveries')).status).toBe(404);
  });
});
