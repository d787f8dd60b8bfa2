import { describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir, serverWithSink, startTestServer } from '../helpers/test-server.ts';
import { activeHook, callHook } from './launch-hook-helpers.ts';

const NOT_FOUND = { error: { code: 'not_found', message: 'no launch hook at this address' } };

describe('launch hook answers', () => {
  const context = serverWithSink();

  it('answers the same 404 for an unknown token, a disabled hook, an inactive scenario, a node no longer active and a rotated token', async () => {
    const { server, sink } = context;
    const disabled = await activeHook(server, sink.url, { enabled: false });
    const stopped = await activeHook(server, sink.url);
    await server.api('POST', `/api/scenarios/${stopped.scenarioId}/deactivate`);
    // Its token stays, but the version activated next has no hook node.
    const moved = await activeHook(server, sink.url);
    const { body: draft } = await server.api('GET', `/api/scenarios/${moved.scenarioId}`);
    const withoutHook = {
      nodes: [{ id: 'start', type: 'trigger.event', config: { eventType: 'x' } }, draft.definition.nodes[1]],
      edges: [{ id: 'e', source: 'start', target: 'send', sourceHandle: 'out' }],
    };
    await server.api('PATCH', `/api/scenarios/${moved.scenarioId}`, { definition: withoutHook });
    await server.api('POST', `/api/scenarios/${moved.scenarioId}/activate`);
    const rotated = await activeHook(server, sink.url);
    await server.api('POST', `/api/scenarios/${rotated.scenarioId}/hooks/launch/rotate`);
    const base = new URL(disabled.url).origin;

    const urls = [
      `${base}/hooks/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
      `${base}/hooks/x`,
      disabled.url,
      stopped.url,
      moved.url,
      rotated.url,
    ];
    for (const url of urls) {
      for (const body of [undefined, { fields: 'a', values: 'b' }]) {
        const answer = await callHook(url, body);
        expect({ url, status: answer.status, body: answer.body }).toEqual({
          url,
          status: 404,
          body: NOT_FOUND,
        });
      }
    }
  });

  it('answers 400 with what is wrong and where', async () => {
    const { server, sink } = context;
    const { url } = await activeHook(server, sink.url);

    const cases: [unknown, string, string][] = [
      [{ fields: 'a;b', values: 'x' }, 'values', 'values has 1 entries for 2 fields'],
      [{ fields: 'a', criteria: 'sounds_like', values: 'x' }, 'criteria', 'unknown criteria "sounds_like"'],
      [{ favorite_color: 'red' }, '(root)', 'unknown field "favorite_color"'],
      [
        { targets: [{ user_id: 'nobody' }] },
        'targets[0]',
        'contact "nobody" does not exist; creating a contact needs its bot_channel',
      ],
      [{ targets: [{ bot_channel: 'web' }] }, 'targets[0]', 'a target needs its user_id'],
      [
        { set_conversation: true, set_variables: 'name', set_variables_values: 'x' },
        'set_variables',
        'user_id or user_phone_number',
      ],
      [
        { set_conversation: true, set_variables: 'user_id', set_variables_values: 'ghost' },
        'set_variables',
        'no contact has user_id "ghost"; creating a contact needs its bot_channel',
      ],
    ];
    for (const [payload, field, message] of cases) {
      const answer = await callHook(url, payload);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('bad_request');
      expect(answer.body.error.message).toContain(message);
      expect(answer.body.error.issues[0]).toEqual({ field, message: expect.stringContaining(message) });
    }
    const broken = await callHook(url, '{"fields": "favorite_color",');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('bad_request');
    expect(sink.received).toHaveLength(0);
  });

  it('accepts a POST without a body, or JSON labelled text/plain', async () => {
    const { server, sink } = context;
    const { url } = await activeHook(server, sink.url, { delaySeconds: 5 });
    const empty = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(200);
    const text = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"fields":"a","values":"b"}',
    });
    expect(text.status).toBe(200);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const { server, sink } = context;
    const { url } = await activeHook(server, sink.url);
    const answer = await callHook(url, { fields: 'a', values: 'x'.repeat(1024 * 1024) });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('payload_too_large');
  });

  it('answers 429 with Retry-After once a hook is called faster than its rate', async () => {
    const { server, sink } = context;
    const { url } = await activeHook(server, sink.url, { delaySeconds: 10 });
    const answers = [];
    for (let call = 0; call < 20; call += 1) answers.push(await callHook(url));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    // Then 20 at once: far more than the 10 a second the bucket gains back meanwhile, however
    // slowly a loaded machine answers them.
    const limited = (await Promise.all(Array.from({ length: 20 }, () => callHook(url)))).filter(
      (answer) => answer.status === 429,
    );
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body.error).toEqual({
      code: 'rate_limited',
      message: expect.stringContaining('too often'),
    });
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another hook has its own bucket.
    const other = await activeHook(server, sink.url, { delaySeconds: 10 });
    expect((await callHook(other.url)).status).toBe(200);
  });

  it('takes its rate from HOOKFLOW_HOOK_RATE and HOOKFLOW_HOOK_BURST', async () => {
    const dataDir = makeDataDir();
    const server = await startTestServer(
      dataDir,
      {},
      { HOOKFLOW_HOOK_RATE: '0.5', HOOKFLOW_HOOK_BURST: '2' },
    );
    try {
      const { url } = await activeHook(server, context.sink.url, { delaySeconds: 10 });
      const statuses = [];
      for (let call = 0; call < 3; call += 1) statuses.push((await callHook(url)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const limited = await callHook(url);
      // One call every 2 s: the next token is up to 2 s away.
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    } finally {
      await server.close();
      removeDataDir(dataDir);
    }
  });

  it('refuses to start with a rate that is not a positive number, naming the variable', async () => {
    const dataDir = makeDataDir();
    try {
      await expect(startTestServer(dataDir, {}, { HOOKFLOW_HOOK_RATE: 'fast' })).rejects.toThrow(
        /invalid configuration: HOOKFLOW_HOOK_RATE: /,
      );
      await expect(startTestServer(dataDir, {}, { HOOKFLOW_HOOK_BURST: '0' })).rejects.toThrow(
        /HOOKFLOW_HOOK_BURST/,
      );
    } finally {
      removeDataDir(dataDir);
    }
  });

  it('answers 403 to a caller outside the allowed hosts and 200 to one inside (IP, CIDR, host name)', async () => {
    const { server, sink } = context;
    const outside = await activeHook(server, sink.url, { allowedHosts: ['203.0.113.7', '10.0.0.0/8'] });
    const byIp = await activeHook(server, sink.url, { allowedHosts: ['203.0.113.7', '127.0.0.1'] });
    const byCidr = await activeHook(server, sink.url, { allowedHosts: ['127.0.0.0/8'] });
    const byName = await activeHook(server, sink.url, { allowedHosts: ['localhost'] });

    const refused = await callHook(outside.url, { fields: 'a', values: 'b' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: 'forbidden',
      message: 'calling host 127.0.0.1 is not allowed to call this launch hook',
    });
    for (const allowed of [byIp, byCidr, byName]) expect((await callHook(allowed.url)).status).toBe(200);
  });

  it('needs no API key for the hook, but does for its management routes', async () => {
    const { server, sink } = context;
    const { scenarioId, url } = await activeHook(server, sink.url, { delaySeconds: 5 });
    expect((await callHook(url)).status).toBe(200);
    const unauthenticated = await fetch(`${server.url}/api/scenarios/${scenarioId}/hooks`);
    expect(unauthenticated.status).toBe(401);
  });
});
