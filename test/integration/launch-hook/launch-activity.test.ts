import { afterEach, describe, expect, it } from 'vitest';
import { activeScenario, sinkAndDataDir, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { callHook, hookScenario, putCustomers } from './launch-hook-helpers.ts';

/** Polls `read` until `check` holds (bounded), returning the last value read. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('what a launch hook is doing, for the canvas', () => {
  const context = sinkAndDataDir();
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('shows a call waiting out its delay to every process on the store, then the fan-out with its audience', async () => {
    const first = await startTestServer(context.dataDir);
    const second = await startTestServer(context.dataDir);
    servers.push(first, second);
    await putCustomers(first, {
      'c-1': { plan: 'pro' },
      'c-2': { plan: 'free' },
      'c-3': { plan: 'pro' },
    });
    const audience = { rules: [{ field: 'customer.plan', criteria: 'equals', value: 'pro', join: 'and' }] };
    const scenarioId = await activeScenario(
      first,
      hookScenario(context.sink.url, { delaySeconds: 2, audience }),
    );
    const launches = (server: TestServer) => server.api('GET', `/api/scenarios/${scenarioId}/launches`);

    const idle = await launches(second);
    expect(idle.status).toBe(200);
    expect(idle.body.items).toEqual([{ nodeId: 'launch', pendingAt: null, fanOut: null }]);
    expect(Date.parse(idle.body.now)).not.toBeNaN();

    const { body: hooks } = await first.api('GET', `/api/scenarios/${scenarioId}/hooks`);
    const called = await callHook(hooks.hooks[0].url);
    expect(called.status).toBe(200);
    // Taken by the first process, seen through the second: the pending launch is in the store.
    const pending = await launches(second);
    expect(pending.body.items[0]).toEqual({ nodeId: 'launch', pendingAt: called.body.sendAt, fanOut: null });

    const done = await until(
      () => launches(second),
      ({ body }) => body.items[0].fanOut?.status === 'done' && body.items[0].fanOut?.audience !== null,
      'the launch fans out and its audience is counted',
    );
    expect(done.body.items[0]).toMatchObject({
      nodeId: 'launch',
      pendingAt: null,
      fanOut: { status: 'done', started: 2, audience: 2, source: 'hook', triggerNodeId: 'launch' },
    });
    await context.sink.waitFor(2);
  });

  it('counts targets named one by one as the audience at once, and answers 404 for an unknown scenario', async () => {
    const server = await startTestServer(context.dataDir);
    servers.push(server);
    const scenarioId = await activeScenario(server, hookScenario(context.sink.url));
    const { body: hooks } = await server.api('GET', `/api/scenarios/${scenarioId}/hooks`);
    const targets = [
      { user_id: 'u-1', bot_channel: 'web' },
      { user_id: 'u-2', bot_channel: 'web' },
      { user_id: 'u-3', bot_channel: 'web' },
    ];
    expect((await callHook(hooks.hooks[0].url, { targets })).status).toBe(200);
    const { body } = await until(
      () => server.api('GET', `/api/scenarios/${scenarioId}/launches`),
      (answer) => answer.body.items[0].fanOut !== null,
      'the targets are launched',
    );
    expect(body.items[0].fanOut.audience).toBe(3);
    expect((await server.api('GET', '/api/scenarios/scn_missing/launches')).status).toBe(404);
  });
});
