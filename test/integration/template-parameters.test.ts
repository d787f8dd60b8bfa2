import { describe, expect, it } from 'vitest';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import { serverWithSink, waitForRun } from './helpers/test-server.ts';

describe('template parameters and template checks', () => {
  const context = serverWithSink({ shared: true });

  const scenario = (parameters: Record<string, unknown>) => ({
    nodes: [
      triggerNode('start', 'notify'),
      webhookNode('send', `${context.sink.url}/[[ path ]]`, {
        body: '{"channel":"[[ channel : enum(sms, email) ]]","retries":[[ retries : number = 2 ]],"to":"{{ customer.id }}"}',
        parameters,
      }),
    ],
    edges: [edge('start', 'send')],
  });

  it('refuses activation while a required parameter has no value, naming it', async () => {
    const created = await context.server.api('POST', '/api/scenarios', {
      name: 'params',
      definition: scenario({ path: 'x' }),
    });
    const activated = await context.server.api('POST', `/api/scenarios/${created.body.id}/activate`);
    expect(activated.status).toBe(400);
    expect(activated.body.error.issues).toEqual([
      { nodeId: 'send', field: 'config.parameters.channel', message: 'parameter "channel" needs a value' },
    ]);
  });

  it('substitutes values and defaults before rendering what is sent', async () => {
    const created = await context.server.api('POST', '/api/scenarios', {
      name: 'params ok',
      definition: scenario({ path: 'hooks/notify', channel: 'sms' }),
    });
    expect((await context.server.api('POST', `/api/scenarios/${created.body.id}/activate`)).status).toBe(200);
    const sent = await context.server.api('POST', '/api/events', { customer_id: 'p1', type: 'notify' });
    await waitForRun(context.server, sent.body.events[0].runIds[0], (run) => run.status === 'completed');
    const [request] = await context.sink.waitFor(1);
    expect(request!.url).toBe('/hooks/notify');
    expect(request!.body).toBe('{"channel":"sms","retries":2,"to":"p1"}');
  });

  it('checks templates with line and column and lists the parameters', async () => {
    const response = await context.server.api('POST', '/api/templates/check', {
      sources: { 'config.url': 'https://x/[[ id ]]', 'config.body': '{\n"a": {{ customer.id \n}' },
    });
    expect(response.status).toBe(200);
    expect(response.body.parameters).toEqual([{ name: 'id', type: 'string', options: [] }]);
    expect(response.body.issues).toEqual([
      expect.objectContaining({
        field: 'config.body',
        line: 3,
        message: expect.stringMatching(/expected variable end/),
      }),
    ]);
  });

  it('reports conflicting parameter declarations', async () => {
    const response = await context.server.api('POST', '/api/templates/check', {
      sources: { a: '[[ n : number ]]', b: '[[ n : date ]]' },
    });
    expect(response.body.issues).toEqual([
      { field: 'config.parameters', message: 'parameter "n" is declared as number and as date' },
    ]);
  });
});
