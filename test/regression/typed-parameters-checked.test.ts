import { describe, expect, it } from 'vitest';
import { edge, triggerNode, webhookNode } from '../integration/helpers/scenarios.ts';
import { activeScenario, serverWithSink } from '../integration/helpers/test-server.ts';

// `enum(sms, email)` accepted `fax`, `number` accepted "nine", `boolean` accepted "maybe", and the
// scenario activated. Values (and defaults) are now checked against their declared types at
// validate and activate, naming node and parameter, for hand-written and preset nodes alike.

const BODY =
  '{"channel": "[[ channel : enum(sms, email) ]]", "count": [[ count : number ]], "vip": [[ vip : boolean = false ]], "on": "[[ on : date ]]"}';

const ISSUES = [
  {
    nodeId: 'send',
    field: 'config.parameters.channel',
    message: 'parameter "channel": "fax" is not one of sms, email',
  },
  {
    nodeId: 'send',
    field: 'config.parameters.count',
    message: 'parameter "count": "nine" is not a number (such as 42 or -1.5)',
  },
  {
    nodeId: 'send',
    field: 'config.parameters.vip',
    message: 'parameter "vip": "maybe" is not true or false',
  },
  {
    nodeId: 'send',
    field: 'config.parameters.on',
    message: 'parameter "on": "2026-02-30" is not a date (YYYY-MM-DD)',
  },
];

const BAD = { channel: 'fax', count: 'nine', vip: 'maybe', on: '2026-02-30' };

describe('typed template parameters', () => {
  const context = serverWithSink();

  const scenario = (config: Record<string, unknown>) => ({
    nodes: [triggerNode('start', 'go'), { id: 'send', type: 'webhook', config }],
    edges: [edge('start', 'send')],
  });

  /** Validate, then create and activate: what each answers, and the scenario's status after. */
  async function judge(definition: unknown) {
    const { server } = context;
    const validated = await server.api('POST', '/api/scenarios/validate', definition);
    const created = await server.api('POST', '/api/scenarios', { name: 'typed', definition });
    const activated = await server.api('POST', `/api/scenarios/${created.body.id}/activate`);
    const { status } = (await server.api('GET', `/api/scenarios/${created.body.id}`)).body;
    return { validated, activated, status };
  }

  it('refuses values of the wrong type on a webhook node, naming node and parameter', async () => {
    const { sink } = context;
    const { validated, activated, status } = await judge(
      scenario({ ...webhookNode('send', `${sink.url}/send`, { body: BODY }).config, parameters: BAD }),
    );

    expect(validated).toEqual({ status: 200, body: { ok: false, issues: ISSUES } });
    expect(activated.status).toBe(400);
    expect(activated.body.error).toEqual({
      code: 'validation_failed',
      message: `scenario cannot be activated: node "send" config.parameters.channel: ${ISSUES[0]!.message}`,
      issues: ISSUES,
    });
    expect(status).toBe('draft');
  });

  it('refuses them on a node made from a preset, and a preset whose default does not fit its type', async () => {
    const { server, sink } = context;
    const url = (retries: string) => `${sink.url}/send?n=[[ retries : number = ${retries} ]]`;
    // A preset is judged when it is saved, as a node is at activation: its default is refused there.
    const refused = await server.api('POST', '/api/presets', {
      name: 'Typed notifier',
      webhook: { method: 'POST', url: url('three'), body: BODY },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([
      {
        field: 'webhook.parameters.retries',
        message: 'parameter "retries": its default "three" is not a number (such as 42 or -1.5)',
      },
    ]);
    const preset = await server.api('POST', '/api/presets', {
      name: 'Typed notifier',
      webhook: { method: 'POST', url: url('3'), body: BODY },
    });
    expect(preset.status).toBe(201);

    const { validated, activated, status } = await judge(
      scenario({ preset: { id: preset.body.id, version: 1 }, parameters: BAD }),
    );

    expect(validated.body).toEqual({ ok: false, issues: ISSUES });
    expect(activated.status).toBe(400);
    expect(activated.body.error.issues).toEqual(ISSUES);
    expect(status).toBe('draft');
  });

  it('activates values that fit their types and sends them', async () => {
    const { server, sink } = context;
    const parameters = { channel: 'email', count: 3, vip: true, on: '2026-02-28' };
    await activeScenario(
      server,
      scenario({ ...webhookNode('send', `${sink.url}/send`, { body: BODY }).config, parameters }),
    );

    await server.api('POST', '/api/events', { customer_id: 'c1', type: 'go' });

    const [request] = await sink.waitFor(1);
    expect(JSON.parse(request!.body)).toEqual(parameters);
  });
});
