import { describe, expect, it } from 'vitest';
import { edge, triggerNode, webhookNode } from '../integration/helpers/scenarios.ts';
import { activeScenario, serverWithSink, type TestServer } from '../integration/helpers/test-server.ts';
import {
  activeHook,
  callHook,
  putCustomers,
  sentBodies,
} from '../integration/launch-hook/launch-hook-helpers.ts';

// The seed's launch example "the user with id equal to 3030391" (`fields: "user_id;favorite_color"`)
// found nobody when customer 3030391 had no user_id attribute, while set_conversation matched
// user_id against the customer id. Every filter now reads customer.user_id as the user_id
// attribute when it holds a value, else the customer's id: audiences (SQL), conditions, triggers.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) until the scenario's one launch has finished; answers how many runs it started. */
async function launchedRuns(server: TestServer, scenarioId: string): Promise<number> {
  for (let tries = 0; tries < 100; tries += 1) {
    const { body } = await server.api('GET', `/api/scenarios/${scenarioId}/fan-outs`);
    const [launch] = body.items;
    if (launch && launch.status !== 'running') return launch.started;
    await sleep(50);
  }
  throw new Error('the launch did not finish within 5 s');
}

describe('user_id in filters', () => {
  const context = serverWithSink();

  it("the seed's launch example finds customer 3030391, which has no user_id attribute", async () => {
    const { server, sink } = context;
    await putCustomers(server, {
      '3030391': { favorite_color: 'red', bot_channel: 'web' },
      '4040402': { favorite_color: 'red', bot_channel: 'web' },
      // Its user_id attribute names it, not its id.
      'crm-9': { user_id: '3030391', favorite_color: 'red', bot_channel: 'web' },
      'crm-10': { user_id: '4040402', favorite_color: 'red', bot_channel: 'web' },
    });
    const { scenarioId, url } = await activeHook(server, sink.url);

    const called = await callHook(url, {
      fields: 'user_id;favorite_color',
      criteria: 'equals',
      values: '3030391;red',
      set_variables: 'new_favorite_color',
      set_variables_values: 'magenta',
    });

    expect(called.status).toBe(200);
    expect(await launchedRuns(server, scenarioId)).toBe(2);
    await sink.waitFor(2);
    expect(sentBodies(sink.received)).toMatchObject([
      { id: '3030391', color: 'red', new_color: 'magenta' },
      { id: 'crm-9', color: 'red', new_color: 'magenta' },
    ]);
  });

  it('a condition and an event trigger on customer.user_id see the customer id where there is no attribute', async () => {
    const { server, sink } = context;
    const userIs = (value: string) => ({ rules: [{ field: 'customer.user_id', criteria: 'equals', value }] });
    const body = '{"id":"{{ customer.id }}"}';
    await activeScenario(server, {
      nodes: [
        triggerNode('start', 'visit'),
        { id: 'known', type: 'condition', config: userIs('3030391') },
        webhookNode('yes', `${sink.url}/yes`, { body }),
        webhookNode('no', `${sink.url}/no`, { body }),
      ],
      edges: [edge('start', 'known'), edge('known', 'yes', 'yes'), edge('known', 'no', 'no')],
    });
    await activeScenario(server, {
      nodes: [
        {
          id: 'start',
          type: 'trigger.event',
          config: { eventType: 'signup', conditions: userIs('4040402') },
        },
        webhookNode('welcome', `${sink.url}/welcome`, { body }),
      ],
      edges: [edge('start', 'welcome')],
    });

    const sent = await server.api('POST', '/api/events', [
      { type: 'visit', customer_id: '3030391' },
      { type: 'visit', customer_id: '4040402' },
      { type: 'signup', customer_id: '3030391' },
      { type: 'signup', customer_id: '4040402' },
    ]);

    expect(sent.status).toBe(202);
    expect(sent.body.events.map((event: { runIds: string[] }) => event.runIds.length)).toEqual([1, 1, 0, 1]);
    await sink.waitFor(3);
    const calls = sink.received.map((request) => `${request.url} ${request.body}`).sort();
    expect(calls).toEqual(['/no {"id":"4040402"}', '/welcome {"id":"4040402"}', '/yes {"id":"3030391"}']);
  });
});
