import { describe, expect, it } from 'vitest';
import { eventTypeInfo } from '../../../engine/subscriptions/index.ts';
import { FAR_CRON, scheduleNode } from '../helpers/fan-out-fixtures.ts';
import { edge, triggerNode, webhookNode } from '../helpers/scenarios.ts';
import { activeScenario, sinkAndDataDir, startTestServer, waitForRun } from '../helpers/test-server.ts';
import { ALL_EVENTS, subscribe, waitForEvents } from './helpers.ts';

const DAY = 24 * 3600 * 1000;

describe('event subscriptions: the event catalogue', () => {
  const context = sinkAndDataDir();

  it('sends every event type once, as its default payload, one call per event with its own webhook-id', async () => {
    const { sink } = context;
    sink.respond = (request) => (request.url === '/fail' ? { status: 400, body: 'no' } : { status: 200 });
    const server = await startTestServer(context.dataDir);
    try {
      const subscription = await subscribe(server, { url: `${sink.url}/events`, events: ALL_EVENTS });

      // A: event → set attributes → SMS webhook (answered 200) → end.
      const welcome = await activeScenario(
        server,
        {
          nodes: [
            triggerNode('start', 'signup'),
            { id: 'tag', type: 'set-attributes', config: { attributes: [{ key: 'plan', value: 'pro' }] } },
            { ...webhookNode('sms', `${sink.url}/hook`, { body: '{}', channel: 'sms' }), label: 'Send SMS' },
            { id: 'done', type: 'end', config: {} },
          ],
          edges: [edge('start', 'tag'), edge('tag', 'sms'), edge('sms', 'done', 'success')],
        },
        'Welcome',
      );
      const signup = await server.api('POST', '/api/events', {
        id: 'evt-signup',
        customer_id: 'c-1',
        type: 'signup',
        properties: { external_message_id: 'ext-1' },
      });
      await waitForRun(server, signup.body.events[0].runIds[0], (run) => run.status === 'completed');
      expect((await server.api('PATCH', '/api/customers/c-1', { email_opt_in: false })).status).toBe(200);
      // A customer first seen two days ago comes back.
      await server.store.customers.put('c-old', {}, new Date(Date.now() - 2 * DAY).toISOString());
      await server.api('POST', '/api/events', { id: 'evt-back', customer_id: 'c-old', type: 'browse' });

      // B: event → webhook answered 400, no failure edge: the run fails.
      await activeScenario(
        server,
        {
          nodes: [
            triggerNode('start', 'order'),
            webhookNode('crm', `${sink.url}/fail`, { retry: { maxAttempts: 1 } }),
          ],
          edges: [edge('start', 'crm')],
        },
        'Orders',
      );
      const order = await server.api('POST', '/api/events', {
        id: 'evt-order',
        customer_id: 'c-2',
        type: 'order',
      });
      await waitForRun(server, order.body.events[0].runIds[0], (run) => run.status === 'failed');

      // C: a schedule's fan-out over one customer.
      const broadcast = await activeScenario(
        server,
        {
          nodes: [scheduleNode('when', FAR_CRON), { id: 'bye', type: 'end', config: {} }],
          edges: [edge('when', 'bye')],
        },
        'Broadcast',
      );
      await server.fanOut.start({
        scenarioId: broadcast,
        version: 1,
        triggerNodeId: 'when',
        source: 'schedule',
        target: { kind: 'customers', ids: ['c-1'] },
      });
      await server.api('POST', `/api/scenarios/${welcome}/deactivate`);

      const received = await waitForEvents(sink, { path: '/events', count: 20 });
      const counts: Record<string, number> = {};
      for (const { json } of received) counts[json.event] = (counts[json.event] ?? 0) + 1;
      expect(counts).toEqual({
        'scenario.activated': 3,
        'scenario.deactivated': 1,
        'customer.created': 2,
        'customer.returned': 1,
        'customer.attributes_changed': 2,
        'run.entered': 3,
        'run.completed': 2,
        'run.failed': 1,
        'webhook.sent': 2,
        'webhook.delivered': 1,
        'webhook.failed': 1,
        'launch.completed': 1,
      });
      for (const request of received) {
        expect(Object.keys(request.json)).toEqual(['event', 'time', 'properties']);
        expect(Object.keys(request.json.properties)).toEqual(eventTypeInfo(request.json.event).properties);
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.headers['user-agent']).toMatch(/^Hookflow/);
      }
      expect(new Set(received.map((request) => request.headers['webhook-id'])).size).toBe(20);

      const one = (type: string, where: (properties: any) => boolean = () => true) =>
        received
          .map((request) => request.json)
          .filter((json) => json.event === type && where(json.properties));
      const runId = signup.body.events[0].runIds[0];
      expect(one('webhook.delivered')[0]).toEqual({
        event: 'webhook.delivered',
        time: expect.any(Number),
        properties: {
          scenario_id: welcome,
          scenario_name: 'Welcome',
          version: 1,
          run_id: runId,
          node_id: 'sms',
          node_name: 'Send SMS',
          channel: 'sms',
          customer_id: 'c-1',
          trigger_id: 'evt-signup',
          external_message_id: 'ext-1',
          status: 200,
        },
      });
      expect(one('customer.created', (p) => p.customer_id === 'c-1')[0].properties).toEqual({
        customer_id: 'c-1',
        source: 'event',
        trigger_id: 'evt-signup',
        external_message_id: 'ext-1',
      });
      expect(one('customer.returned')[0].properties).toEqual({
        customer_id: 'c-old',
        source: 'event',
        trigger_id: 'evt-back',
        external_message_id: null,
      });
      expect(one('customer.attributes_changed').map((json) => json.properties)).toEqual([
        {
          customer_id: 'c-1',
          source: 'set-attributes',
          changes: { plan: { old: null, new: 'pro' } },
          scenario_id: welcome,
          run_id: runId,
          node_id: 'tag',
        },
        {
          customer_id: 'c-1',
          source: 'api',
          changes: { email_opt_in: { old: null, new: false } },
          scenario_id: null,
          run_id: null,
          node_id: null,
        },
      ]);
      expect(one('webhook.failed')[0].properties).toMatchObject({
        customer_id: 'c-2',
        channel: 'webhook',
        status: 400,
        error_message: 'HTTP 400',
      });
      expect(one('run.failed')[0].properties).toMatchObject({ node_id: 'crm', error_message: 'HTTP 400' });
      expect(one('launch.completed')[0].properties).toMatchObject({
        scenario_id: broadcast,
        scenario_name: 'Broadcast',
        node_id: 'when',
        status: 'done',
        audience: { customers: 1 },
        started: 1,
        error_message: null,
      });
      const fannedOut = one('run.entered', (p) => p.scenario_id === broadcast)[0].properties;
      expect(fannedOut.trigger_id).toBe(one('launch.completed')[0].properties.trigger_id);
      expect(one('scenario.deactivated')[0].properties).toEqual({
        scenario_id: welcome,
        scenario_name: 'Welcome',
        version: 1,
      });
      // One customer's events arrive in the order they happened.
      const c1 = received.filter(
        (r) => r.json.properties.customer_id === 'c-1' && r.json.properties.scenario_id !== broadcast,
      );
      expect(c1.map((r) => r.json.event).slice(0, 6)).toEqual([
        'customer.created',
        'run.entered',
        'customer.attributes_changed',
        'webhook.sent',
        'webhook.delivered',
        'run.completed',
      ]);
      const log = await server.api('GET', `/api/subscriptions/${subscription.id}`);
      expect(log.body.health).toMatchObject({ consecutiveFailures: 0, disabledAt: null });
    } finally {
      await server.close();
    }
  }, 30_000);
});
