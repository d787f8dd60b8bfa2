import { describe, expect, it } from 'vitest';
import { edge, triggerNode, webhookNode } from '../integration/helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from '../integration/helpers/test-server.ts';

// `file:///etc/passwd` and `http://10.0.0.1/` passed validation and activation and failed only
// when a run reached them, and refusals read "a linkLocal address". Validation now reports a
// scheme that is not http(s) and a written-out address the egress policy refuses, naming
// HOOKFLOW_EGRESS_ALLOW; hosts a template writes are still judged at send time.

const HINT = '; webhooks may only reach public addresses unless HOOKFLOW_EGRESS_ALLOW lists it';

const callTo = (url: string) => ({
  nodes: [triggerNode('start', 'go'), webhookNode('call', url, { body: '{"n":1}' })],
  edges: [edge('start', 'call', 'out')],
});

describe('static webhook URLs at validation', () => {
  const context = serverWithSink();

  it.each([
    ['file:///etc/passwd', 'only http and https URLs can be called, not file:'],
    ['http://10.0.0.1/', `10.0.0.1 is a private network address${HINT}`],
    ['http://169.254.169.254/latest/meta-data/', `169.254.169.254 is a link-local address${HINT}`],
    ['http://0x7f.0.0.2:8080/hook', `127.0.0.2 is a loopback address (this machine)${HINT}`],
    [
      'http://[::]/',
      `:: is an unspecified address ("this host" or "this network"), which names no server${HINT}`,
    ],
  ])(
    '%s: validate names the node and field, activate answers 400 and leaves the scenario a draft',
    async (url, message) => {
      const { server } = context;
      const issue = { nodeId: 'call', field: 'config.url', message };

      const validated = await server.api('POST', '/api/scenarios/validate', callTo(url));
      const created = await server.api('POST', '/api/scenarios', {
        name: 'static url',
        definition: callTo(url),
      });
      const activated = await server.api('POST', `/api/scenarios/${created.body.id}/activate`);

      expect(validated).toEqual({ status: 200, body: { ok: false, issues: [issue] } });
      expect(activated.status).toBe(400);
      expect(activated.body.error).toEqual({
        code: 'validation_failed',
        message: `scenario cannot be activated: node "call" config.url: ${message}`,
        issues: [issue],
      });
      expect((await server.api('GET', `/api/scenarios/${created.body.id}`)).body.status).toBe('draft');
    },
  );

  it('accepts an allow-listed address, and leaves a templated host to send time, where it is refused in a sentence', async () => {
    const { server, sink } = context;
    const allowed = await server.api('POST', '/api/scenarios/validate', callTo(`${sink.url}/ok`));
    expect(allowed.body).toEqual({ ok: true, issues: [] });

    await activeScenario(server, callTo('http://{{ "169.254.169.254" }}/latest/meta-data/'));
    const sent = await server.api('POST', '/api/events', { customer_id: 'c1', type: 'go' });
    const run = await waitForRun(server, sent.body.events[0].runIds[0], (r) => r.status === 'failed');

    const step = run.steps.find((s: { kind: string }) => s.kind === 'webhook');
    expect(step.detail.error).toContain(`169.254.169.254 is a link-local address${HINT}`);
    expect(sink.received).toEqual([]);
  });
});
