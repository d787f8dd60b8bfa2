import { describe, expect, it } from 'vitest';
import { edge } from '../helpers/scenarios.ts';
import { serverWithSink } from '../helpers/test-server.ts';
import { activeHook, callHook, hookScenario } from './launch-hook-helpers.ts';

describe('launch hook URLs', () => {
  const context = serverWithSink({ shared: true });

  it('lists one absolute URL per hook node of the draft, creating tokens once', async () => {
    const { server, sink } = context;
    const definition = hookScenario(sink.url);
    definition.nodes.push({ id: 'second', type: 'trigger.hook', config: { delaySeconds: 0 } } as never);
    definition.edges.push(edge('second', 'send'));
    const created = await server.api('POST', '/api/scenarios', { name: 'two hooks', definition });

    const first = await server.api('GET', `/api/scenarios/${created.body.id}/hooks`);
    const again = await server.api('GET', `/api/scenarios/${created.body.id}/hooks`);

    expect(first.status).toBe(200);
    expect(first.body.hooks).toEqual([
      {
        nodeId: 'launch',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/[A-Za-z0-9_-]{32}$/),
        enabled: false,
      },
      { nodeId: 'second', url: expect.stringMatching(/\/hooks\/[A-Za-z0-9_-]{32}$/), enabled: false },
    ]);
    expect(again.body).toEqual(first.body);
    expect(first.body.hooks[0].url).toContain(server.url);
  });

  it('says a hook is enabled once its scenario is active', async () => {
    const { server, sink } = context;
    const { scenarioId } = await activeHook(server, sink.url);
    const { body } = await server.api('GET', `/api/scenarios/${scenarioId}/hooks`);
    expect(body.hooks).toEqual([{ nodeId: 'launch', url: expect.any(String), enabled: true }]);
  });

  it('keeps tokens out of the scenario and its versions', async () => {
    const { server, sink } = context;
    const { scenarioId, url } = await activeHook(server, sink.url);
    const token = url.split('/').at(-1)!;
    const scenario = await server.api('GET', `/api/scenarios/${scenarioId}`);
    const version = await server.api('GET', `/api/scenarios/${scenarioId}/versions/1`);
    expect(JSON.stringify(scenario.body)).not.toContain(token);
    expect(JSON.stringify(version.body)).not.toContain(token);
  });

  it('rotates a token: the old URL answers 404, the new one launches', async () => {
    const { server, sink } = context;
    const { scenarioId, url } = await activeHook(server, sink.url, { delaySeconds: 5 });

    const rotated = await server.api('POST', `/api/scenarios/${scenarioId}/hooks/launch/rotate`);

    expect(rotated.status).toBe(200);
    expect(rotated.body).toEqual({ nodeId: 'launch', url: expect.any(String), enabled: true });
    expect(rotated.body.url).not.toBe(url);
    expect((await callHook(url)).status).toBe(404);
    expect((await callHook(rotated.body.url)).status).toBe(200);
    const listed = await server.api('GET', `/api/scenarios/${scenarioId}/hooks`);
    expect(listed.body.hooks[0].url).toBe(rotated.body.url);
  });

  it('answers 404 to listing or rotating what does not exist', async () => {
    const { server, sink } = context;
    const { scenarioId } = await activeHook(server, sink.url);
    const missingScenario = await server.api('GET', '/api/scenarios/scn_nope/hooks');
    const missingNode = await server.api('POST', `/api/scenarios/${scenarioId}/hooks/send/rotate`);
    expect(missingScenario.status).toBe(404);
    expect(missingScenario.body.error.message).toBe('scenario "scn_nope" does not exist');
    expect(missingNode.status).toBe(404);
    expect(missingNode.body.error.code).toBe('not_found');
  });

  it('deletes the tokens with their scenario', async () => {
    const { server, sink } = context;
    const created = await server.api('POST', '/api/scenarios', {
      name: 'short-lived',
      definition: hookScenario(sink.url),
    });
    const { body } = await server.api('GET', `/api/scenarios/${created.body.id}/hooks`);
    const token = body.hooks[0].url.split('/').at(-1);
    expect(await server.store.launchHooks.findByToken(token)).not.toBeNull();

    expect((await server.api('DELETE', `/api/scenarios/${created.body.id}`)).status).toBe(204);

    expect(await server.store.launchHooks.findByToken(token)).toBeNull();
    expect((await callHook(body.hooks[0].url)).status).toBe(404);
  });
});
