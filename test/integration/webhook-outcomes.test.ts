import { describe, expect, it } from 'vitest';
import { HttpSink } from './helpers/http-sink.ts';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, waitForRun } from './helpers/test-server.ts';

const fastRetry = { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 2000, maxTotalMs: 60_000 };

describe('webhook outcomes: retries, failure edges, egress', () => {
  const context = serverWithSink();

  const send = async (definition: unknown) => {
    await activeScenario(context.server, definition);
    const sent = await context.server.api('POST', '/api/events', { customer_id: 'c1', type: 'go' });
    return sent.body.events[0].runIds[0] as string;
  };

  const withFailureEdge = (url: string, retry = fastRetry) => ({
    nodes: [
      triggerNode('start', 'go'),
      webhookNode('call', url, { retry, body: '{"n":1}' }),
      webhookNode('ok', `${context.sink.url}/ok`, { body: '{"ok":true}' }),
      webhookNode('alert', `${context.sink.url}/alert`, { body: '{"failed":"{{ webhook.status }}"}' }),
    ],
    edges: [edge('start', 'call'), edge('call', 'ok', 'success'), edge('call', 'alert', 'failure')],
  });

  it('retries a 500 with the same webhook-id and succeeds on the next attempt', async () => {
    let calls = 0;
    context.sink.respond = (request) =>
      request.url === '/flaky' && ++calls === 1 ? { status: 500 } : { status: 200, body: '{}' };
    const runId = await send(withFailureEdge(`${context.sink.url}/flaky`));
    const run = await waitForRun(context.server, runId, (r) => r.status === 'completed');
    const flaky = context.sink.received.filter((request) => request.url === '/flaky');
    expect(flaky).toHaveLength(2);
    expect(flaky[0]!.headers['webhook-id']).toBe(flaky[1]!.headers['webhook-id']);
    expect(flaky[0]!.body).toBe(flaky[1]!.body);
    expect(context.sink.received.map((request) => request.url)).toEqual(['/flaky', '/flaky', '/ok']);
    const attempts = run.steps.filter((step: any) => step.kind === 'webhook' && step.nodeId === 'call');
    expect(attempts.map((step: any) => [step.detail.attempt, step.detail.response.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(attempts[0].detail.retryAt).toBeDefined();
  });

  it('honours Retry-After on 429', async () => {
    let calls = 0;
    context.sink.respond = (request) =>
      request.url === '/limited' && ++calls === 1
        ? { status: 429, headers: { 'retry-after': '1' } }
        : { status: 200 };
    const runId = await send(withFailureEdge(`${context.sink.url}/limited`));
    await waitForRun(context.server, runId, (r) => r.status === 'completed', 5000);
    const [first, second] = context.sink.received.filter((request) => request.url === '/limited');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('fails a 404 at once and follows the failure edge with the response readable', async () => {
    context.sink.respond = (request) =>
      request.url === '/gone' ? { status: 404, body: 'nope' } : { status: 200 };
    const runId = await send(withFailureEdge(`${context.sink.url}/gone`));
    await waitForRun(context.server, runId, (r) => r.status === 'completed');
    expect(context.sink.received.map((request) => request.url)).toEqual(['/gone', '/alert']);
    expect(context.sink.received[1]!.body).toBe('{"failed":"404"}');
  });

  it('treats a redirect as a failure and never follows it', async () => {
    context.sink.respond = (request) =>
      request.url === '/moved'
        ? { status: 302, headers: { location: `${context.sink.url}/elsewhere` } }
        : { status: 200 };
    const runId = await send(withFailureEdge(`${context.sink.url}/moved`));
    await waitForRun(context.server, runId, (r) => r.status === 'completed');
    expect(context.sink.received.map((request) => request.url)).toEqual(['/moved', '/alert']);
  });

  it('gives up after maxAttempts and records every attempt', async () => {
    context.sink.respond = (request) => (request.url === '/down' ? { status: 503 } : { status: 200 });
    const runId = await send(withFailureEdge(`${context.sink.url}/down`));
    const run = await waitForRun(context.server, runId, (r) => r.status === 'completed', 5000);
    expect(context.sink.received.filter((request) => request.url === '/down')).toHaveLength(3);
    const attempts = run.steps.filter((step: any) => step.kind === 'webhook' && step.nodeId === 'call');
    expect(attempts.at(-1).detail.error).toBe('HTTP 503 (gave up after 3 attempts)');
  });

  it('times out a slow endpoint per the node timeout', async () => {
    const slow = new HttpSink();
    await slow.start();
    slow.respond = () => ({ status: 200 });
    const hang = (slow as any).handle.bind(slow);
    (slow as any).handle = async (request: any, response: any) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return hang(request, response);
    };
    try {
      const definition = withFailureEdge(`${slow.url}/slow`, { ...fastRetry, maxAttempts: 1 });
      (definition.nodes[1] as any).config.timeoutMs = 300;
      const runId = await send(definition);
      const run = await waitForRun(context.server, runId, (r) => r.status === 'completed', 5000);
      const attempt = run.steps.find((step: any) => step.kind === 'webhook' && step.nodeId === 'call');
      expect(attempt.detail.error).toMatch(/timed out after 300 ms/);
    } finally {
      await slow.stop();
    }
  });

  it('refuses loopback addresses the operator did not allow, without retrying', async () => {
    const port = new URL(context.sink.url).port;
    // A written-out refused host fails validation; one a template writes is judged at send time.
    const runId = await send(withFailureEdge(`http://{{ "127.0.0.2" }}:${port}/internal`));
    const run = await waitForRun(context.server, runId, (r) => r.status === 'completed');
    const attempts = run.steps.filter((step: any) => step.kind === 'webhook' && step.nodeId === 'call');
    expect(attempts).toHaveLength(1);
    expect(attempts[0].detail.error).toMatch(/loopback/);
    expect(context.sink.received.map((request) => request.url)).toEqual(['/alert']);
  });

  it('refuses IPv6 loopback and other-notation hosts after rendering', async () => {
    const port = new URL(context.sink.url).port;
    const runId = await send(withFailureEdge(`http://{{ "[::1]" }}:${port}/v6`));
    const run = await waitForRun(context.server, runId, (r) => r.status === 'completed');
    const attempt = run.steps.find((step: any) => step.kind === 'webhook' && step.nodeId === 'call');
    expect(attempt.detail.error).toMatch(/loopback/);
  });
});
