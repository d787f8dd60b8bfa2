import { describe, expect, it } from 'vitest';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from './helpers/test-server.ts';

const setAttributes = (id: string, attributes: unknown[]) => ({
  id,
  type: 'set-attributes',
  config: { attributes },
});

describe('the set-attributes node', () => {
  const context = serverWithSink();

  /** Saves a draft trigger → set-attributes (`set`) and tries to activate it. */
  const activateDraft = async (attributes: unknown[]) => {
    const created = await context.server.api('POST', '/api/scenarios', {
      name: 'attributes draft',
      definition: {
        nodes: [triggerNode('start', 'signup'), setAttributes('set', attributes)],
        edges: [edge('start', 'set')],
      },
    });
    expect(created.status).toBe(201);
    const activated = await context.server.api('POST', `/api/scenarios/${created.body.id}/activate`);
    return { id: created.body.id as string, activated };
  };

  const send = async (customerId: string, type: string) => {
    const sent = await context.server.api('POST', '/api/events', { customer_id: customerId, type });
    expect(sent.status).toBe(202);
    return sent.body.events[0].runIds[0] as string;
  };

  it('saves rendered, converted values on the customer for later nodes and later runs', async () => {
    context.sink.respond = (request) =>
      request.url === '/lookup'
        ? { status: 200, body: '{"plan":"gold","score":" 42.5 ","vip":"yes"}' }
        : { status: 200 };
    await activeScenario(context.server, {
      nodes: [
        triggerNode('start', 'signup'),
        webhookNode('lookup', `${context.sink.url}/lookup`, { body: '{}' }),
        setAttributes('remember', [
          { key: 'plan', value: '{{ webhook.plan }}' },
          { key: 'score', value: '{{ webhook.score }}', as: 'number' },
          { key: 'vip', value: '{{ webhook.vip }}', as: 'boolean' },
        ]),
        webhookNode('welcome', `${context.sink.url}/welcome`, {
          body: '{"plan":"{{ customer.plan }}","score":{{ customer.score + 1 }},"vip":{{ customer.vip }}}',
        }),
      ],
      edges: [edge('start', 'lookup'), edge('lookup', 'remember', 'success'), edge('remember', 'welcome')],
    });
    await activeScenario(
      context.server,
      {
        nodes: [
          triggerNode('later', 'renewal'),
          webhookNode('renew', `${context.sink.url}/renew`, {
            body: '{"plan":"{{ customer.plan }}"}',
          }),
        ],
        edges: [edge('later', 'renew')],
      },
      'renewals',
    );

    const runId = await send('c1', 'signup');
    const run = await waitForRun(context.server, runId, (body) => body.status === 'completed');
    const welcome = context.sink.received.find((request) => request.url === '/welcome');
    expect(JSON.parse(welcome!.body)).toEqual({ plan: 'gold', score: 43.5, vip: true });
    expect(run.steps).toContainEqual(
      expect.objectContaining({
        nodeId: 'remember',
        kind: 'attributes',
        detail: { set: { plan: 'gold', score: 42.5, vip: true }, branch: 'out' },
      }),
    );
    const customer = await context.server.api('GET', '/api/customers/c1');
    expect(customer.body.attributes).toEqual({ plan: 'gold', score: 42.5, vip: true });

    const renewal = await send('c1', 'renewal');
    await waitForRun(context.server, renewal, (body) => body.status === 'completed');
    const renew = context.sink.received.find((request) => request.url === '/renew');
    expect(renew!.body).toBe('{"plan":"gold"}');

    const stats = await context.server.api('GET', `/api/scenarios/${run.scenarioId}/stats`);
    expect(stats.body.nodes.remember).toEqual({
      entered: 1,
      waiting: 0,
      succeeded: 1,
      failed: 0,
      branches: { out: 1 },
    });
    const activity = await context.server.api('GET', `/api/scenarios/${run.scenarioId}/nodes/remember/runs`);
    expect(activity.body.items).toContainEqual(
      expect.objectContaining({ kind: 'attributes', attributes: { plan: 'gold', score: 42.5, vip: true } }),
    );
  });

  it('fails the run at the node, naming the field and value, and saves none of its attributes', async () => {
    await context.server.api('PUT', '/api/customers/c2', { plan: 'free', age: 'unknown' });
    await activeScenario(context.server, {
      nodes: [
        triggerNode('start', 'signup'),
        setAttributes('convert', [
          { key: 'plan', value: 'pro' },
          { key: 'age_years', value: '{{ customer.age }}', as: 'number' },
        ]),
        webhookNode('after', `${context.sink.url}/after`, { body: '{}' }),
      ],
      edges: [edge('start', 'convert'), edge('convert', 'after')],
    });
    const runId = await send('c2', 'signup');
    const run = await waitForRun(context.server, runId, (body) => body.status === 'failed');
    const failure = run.steps.find((step: any) => step.kind === 'failed');
    expect(failure.detail.error).toEqual({
      nodeId: 'convert',
      message: 'config.attributes.1.value: age_years: "unknown" is not a number',
    });
    expect(context.sink.received).toHaveLength(0);
    const customer = await context.server.api('GET', '/api/customers/c2');
    expect(customer.body.attributes).toEqual({ plan: 'free', age: 'unknown' });
    const stats = await context.server.api('GET', `/api/scenarios/${run.scenarioId}/stats`);
    expect(stats.body.nodes.convert).toEqual({ entered: 1, waiting: 0, succeeded: 0, failed: 1 });
  });

  it('refuses to activate attributes with a bad name, a duplicate, the id or an unknown type', async () => {
    const { id, activated } = await activateDraft([
      { key: '1st', value: 'a' },
      { key: 'plan', value: 'b' },
      { key: 'plan', value: 'c' },
      { key: 'id', value: 'd' },
      { key: 'kind', value: 'e', as: 'date' },
    ]);
    expect(activated.status).toBe(400);
    const issues = activated.body.error.issues.map((issue: any) => `${issue.field}: ${issue.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^config\.attributes\.0\.key: attribute name must start with a letter/),
        'config.attributes.2.key: attribute "plan" is set twice',
        'config.attributes.3.key: the customer id cannot be changed',
        expect.stringMatching(/^config\.attributes\.4\.as: /),
      ]),
    );
    expect(activated.body.error.issues.every((issue: any) => issue.nodeId === 'set')).toBe(true);
    expect((await context.server.api('GET', `/api/scenarios/${id}`)).body.status).toBe('draft');
  });

  it('names the broken template of a value when the draft is otherwise valid', async () => {
    const { activated } = await activateDraft([{ key: 'ok', value: '{{ customer.plan ' }]);
    expect(activated.status).toBe(400);
    expect(activated.body.error.issues).toContainEqual(
      expect.objectContaining({ nodeId: 'set', field: 'config.attributes.0.value' }),
    );
  });
});
