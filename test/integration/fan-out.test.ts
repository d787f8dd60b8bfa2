import { describe, expect, it } from 'vitest';
import {
  activeVersionOf,
  equals,
  receivedIds,
  scheduleToWebhook,
  seedCustomers,
  waitForFanOut,
} from './helpers/fan-out-fixtures.ts';
import { activeScenario, serverWithSink } from './helpers/test-server.ts';

describe('fan-outs', () => {
  const context = serverWithSink();

  it('starts a run for every customer of an audience, in pages, and each one is delivered exactly once', async () => {
    const { server, sink } = context;
    const ids = await seedCustomers(server.store, 3000, (n) => ({ plan: n % 3 === 0 ? 'free' : 'pro' }));
    const pro = ids.filter((_, n) => n % 3 !== 0);
    const scenarioId = await activeScenario(server, scheduleToWebhook(sink.url));
    const version = await activeVersionOf(server, scenarioId);

    const record = await server.fanOut.start({
      scenarioId,
      version,
      triggerNodeId: 'when',
      source: 'hook',
      target: { kind: 'audience', filter: { rules: [equals('plan', 'pro')] } as any },
      setAttributes: { color: 'magenta' },
    });
    expect(record).toMatchObject({ scenarioId, version, source: 'hook', status: 'running', started: 0 });

    const seen = await waitForFanOut(server, record.id);
    const last = seen.at(-1);
    expect(last).toMatchObject({ status: 'done', started: pro.length, error: null });
    expect(last.finishedAt).toEqual(expect.any(String));
    // Progress only grows, a page at a time.
    const counts = seen.map((body) => body.started);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.every((count) => count % 1000 === 0 || count === pro.length)).toBe(true);

    await sink.waitFor(pro.length, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receivedIds(sink.received)).toEqual(pro);
    expect(new Set(sink.received.map((request) => JSON.parse(request.body).color))).toEqual(
      new Set(['magenta']),
    );
    // The attributes were written to the customers, not only shown to the runs.
    expect((await server.api('GET', `/api/customers/${pro[0]}`)).body.attributes).toMatchObject({
      plan: 'pro',
      color: 'magenta',
    });
    expect((await server.api('GET', `/api/customers/${ids[0]}`)).body.attributes).toEqual({ plan: 'free' });

    const listed = await server.api('GET', `/api/scenarios/${scenarioId}/fan-outs`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([last]);
  }, 60_000);

  it('targets customers by id once each, creating those that do not exist', async () => {
    const { server, sink } = context;
    await seedCustomers(server.store, 3, () => ({ color: 'red' }), 'known');
    const scenarioId = await activeScenario(server, scheduleToWebhook(sink.url));
    const record = await server.fanOut.start({
      scenarioId,
      version: await activeVersionOf(server, scenarioId),
      triggerNodeId: 'when',
      source: 'hook',
      target: { kind: 'customers', ids: ['known000001', 'new-1', 'known000001', 'known000000'] },
    });
    expect((await waitForFanOut(server, record.id)).at(-1)).toMatchObject({ status: 'done', started: 3 });
    await sink.waitFor(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      sink.received.map((request) => JSON.parse(request.body)).sort((a, b) => (a.id < b.id ? -1 : 1)),
    ).toEqual([
      { id: 'known000000', color: 'red' },
      { id: 'known000001', color: 'red' },
      { id: 'new-1', color: '' },
    ]);
    expect((await server.api('GET', '/api/customers/new-1')).status).toBe(200);
  });

  it('saves a fan-out for a scenario that is not active as failed, saying why', async () => {
    const { server, sink } = context;
    const scenarioId = await activeScenario(server, scheduleToWebhook(sink.url));
    await server.api('POST', `/api/scenarios/${scenarioId}/deactivate`);
    const base = {
      triggerNodeId: 'when',
      source: 'schedule' as const,
      target: { kind: 'customers' as const, ids: ['a'] },
    };

    const inactive = await server.fanOut.start({ ...base, scenarioId, version: 1 });
    expect(inactive).toMatchObject({ status: 'failed', started: 0 });
    expect(inactive.error).toBe(`scenario "${scenarioId}" version 1 is not active (no version is active)`);
    expect((await server.api('GET', `/api/fan-outs/${inactive.id}`)).body).toEqual(inactive);

    const missing = await server.fanOut.start({ ...base, scenarioId: 'scn_nope', version: 1 });
    expect(missing.error).toBe('scenario "scn_nope" does not exist');
    expect(sink.received).toHaveLength(0);
  });

  it('refuses an audience field outside customer.* and a node that is not a fan-out trigger', async () => {
    const { server, sink } = context;
    const scenarioId = await activeScenario(server, scheduleToWebhook(sink.url));
    const badField = await server.fanOut.start({
      scenarioId,
      version: 1,
      triggerNodeId: 'when',
      source: 'hook',
      target: {
        kind: 'audience',
        filter: { rules: [{ ...equals('plan', 'pro'), field: 'event.type' }] } as any,
      },
    });
    expect(badField.status).toBe('failed');
    expect(badField.error).toMatch(
      /^target\.filter\.rules\[0\]\.field: audience fields start with "customer\."/,
    );

    const notTrigger = await server.fanOut.start({
      scenarioId,
      version: 1,
      triggerNodeId: 'hook',
      source: 'hook',
      target: { kind: 'customers', ids: ['a'] },
    });
    expect(notTrigger.error).toMatch(/node "hook" .* is not a launch hook or schedule trigger/);
  });

  it('answers 404 for an unknown fan-out or scenario', async () => {
    const { server } = context;
    const unknown = await server.api('GET', '/api/fan-outs/fan_unknown');
    expect(unknown).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'fan-out "fan_unknown" does not exist' } },
    });
    const scenario = await server.api('GET', '/api/scenarios/scn_unknown/fan-outs');
    expect(scenario.status).toBe(404);
    expect(scenario.body.error.message).toBe('scenario "scn_unknown" does not exist');
  });
});
