import { afterEach, describe, expect, it } from 'vitest';
import { edge, triggerNode, triggerToWebhook, webhookNode } from './helpers/scenarios.ts';
import { sinkAndDataDir, startTestServer, type TestServer } from './helpers/test-server.ts';

// Two servers on one data folder used to be two engines: a scenario activated through the first
// started no runs for events sent to the second, and a deactivation did not stop it. What each
// process caches now follows the store's change stamps.

/** Polls until `check` holds, for at most `ms`; says what it waited for when it gives up. */
async function within(ms: number, what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const event = (server: TestServer, customer: string) =>
  server.api('POST', '/api/events', { customer_id: customer, type: 'signup' });

describe('two servers on one data folder', () => {
  const context = sinkAndDataDir();
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('start runs on either one within a second of an activation through the other, and stop alike', async () => {
    const first = await startTestServer(context.dataDir);
    const second = await startTestServer(context.dataDir);
    servers.push(first, second);
    const created = await first.api('POST', '/api/scenarios', {
      name: 'welcome',
      definition: triggerToWebhook('signup', context.sink.url),
    });
    expect((await first.api('POST', `/api/scenarios/${created.body.id}/activate`)).status).toBe(200);
    let sent = 0;
    await within(1000, 'the second server starts a run', async () => {
      sent += 1;
      return (await event(second, `c-${sent}`)).body.events[0].runIds.length === 1;
    });
    await context.sink.waitFor(1);

    expect((await first.api('POST', `/api/scenarios/${created.body.id}/deactivate`)).status).toBe(200);
    await within(1000, 'the second server stops starting runs', async () => {
      sent += 1;
      return (await event(second, `c-${sent}`)).body.events[0].runIds.length === 0;
    });
    // Every run that started was sent, and nothing after the deactivation took hold.
    const started = context.sink.received.length;
    expect((await event(second, 'after')).body.events[0].runIds).toEqual([]);
    expect((await event(first, 'after-too')).body.events[0].runIds).toEqual([]);
    expect(context.sink.received.length).toBe(started);
  });

  it('send with an integration as changed through the other server', async () => {
    const first = await startTestServer(context.dataDir);
    const second = await startTestServer(context.dataDir);
    servers.push(first, second);
    const integration = await first.api('POST', '/api/integrations', {
      name: 'CRM',
      type: 'bearer',
      endpointPrefix: context.sink.url,
      token: 'first-token-0001',
    });
    expect(integration.status).toBe(201);
    const definition = {
      nodes: [
        triggerNode('start', 'signup'),
        webhookNode('hook', `${context.sink.url}/crm`, { integrationId: integration.body.id }),
      ],
      edges: [edge('start', 'hook')],
    };
    const created = await second.api('POST', '/api/scenarios', { name: 'crm', definition });
    expect((await second.api('POST', `/api/scenarios/${created.body.id}/activate`)).status).toBe(200);
    await event(second, 'before');
    expect((await context.sink.waitFor(1))[0]!.headers.authorization).toBe('Bearer first-token-0001');

    const changed = await first.api('PUT', `/api/integrations/${integration.body.id}`, {
      name: 'CRM',
      type: 'bearer',
      endpointPrefix: context.sink.url,
      token: 'second-token-0002',
    });
    expect(changed.status).toBe(200);
    let sent = 0;
    await within(1000, 'the second server sends the new token', async () => {
      sent += 1;
      await event(second, `after-${sent}`);
      const requests = await context.sink.waitFor(1 + sent);
      return requests.at(-1)!.headers.authorization === 'Bearer second-token-0002';
    });
  });

  it("hold a throughput policy's limit together: never more requests open than the limit across both", async () => {
    const first = await startTestServer(context.dataDir);
    const second = await startTestServer(context.dataDir);
    servers.push(first, second);
    let open = 0;
    let most = 0;
    context.sink.respond = () => {
      open += 1;
      most = Math.max(most, open);
      const after = new Promise((resolve) => setTimeout(resolve, 100)).then(() => (open -= 1));
      return { status: 200, body: '{"ok":true}', after };
    };
    const policy = await first.api('POST', '/api/throughput-policies', { name: 'crm', concurrency: 2 });
    const definition = {
      nodes: [
        triggerNode('start', 'signup'),
        webhookNode('hook', `${context.sink.url}/crm`, { throughputPolicyId: policy.body.id }),
      ],
      edges: [edge('start', 'hook')],
    };
    const created = await first.api('POST', '/api/scenarios', { name: 'limited', definition });
    expect((await first.api('POST', `/api/scenarios/${created.body.id}/activate`)).status).toBe(200);
    await within(1000, 'the second server knows the scenario', async () => {
      return (await event(second, 'probe')).body.events[0].runIds.length === 1;
    });
    const batch = (prefix: string) =>
      Array.from({ length: 10 }, (_, n) => ({ customer_id: `${prefix}${n}`, type: 'signup' }));
    await Promise.all([
      first.api('POST', '/api/events', batch('a')),
      second.api('POST', '/api/events', batch('b')),
    ]);
    await context.sink.waitFor(21, 20_000);
    expect(most).toBe(2);
  });
});
