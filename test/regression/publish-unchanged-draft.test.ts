import { describe, expect, it } from 'vitest';
import { activeScenario, serverWithSink } from '../integration/helpers/test-server.ts';

const definition = (url: string, x = 0) => ({
  nodes: [
    { id: 'start', type: 'trigger.event', position: { x, y: 0 }, config: { eventType: 'signup' } },
    { id: 'hook', type: 'webhook', position: { x: 0, y: 160 }, config: { url } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'hook', sourceHandle: 'out' }],
});

describe('publishing a draft that did not change makes no new version', () => {
  const context = serverWithSink();

  it('answers the live version with unchanged: true, also when only positions moved', async () => {
    const { server } = context;
    const id = await activeScenario(server, definition('https://example.com/a'));
    const again = await server.api('POST', `/api/scenarios/${id}/activate`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      unchanged: true,
      version: { version: 1 },
      scenario: { status: 'active' },
    });

    await server.api('PATCH', `/api/scenarios/${id}`, {
      definition: definition('https://example.com/a', 400),
    });
    const moved = await server.api('POST', `/api/scenarios/${id}/activate`);
    expect(moved.body).toMatchObject({ unchanged: true, version: { version: 1 } });
    expect((await server.api('GET', `/api/scenarios/${id}/versions`)).body.items).toHaveLength(1);
  });

  it('makes version 2 once a setting changed', async () => {
    const { server } = context;
    const id = await activeScenario(server, definition('https://example.com/a'));
    await server.api('PATCH', `/api/scenarios/${id}`, { definition: definition('https://example.com/b') });
    const published = await server.api('POST', `/api/scenarios/${id}/activate`);
    expect(published.body).toMatchObject({ unchanged: false, version: { version: 2 } });
    expect(published.body.scenario.activeVersion).toBe(2);
  });

  it('puts a stopped scenario back live on its last version when the draft is the same', async () => {
    const { server } = context;
    const id = await activeScenario(server, definition('https://example.com/a'));
    await server.api('POST', `/api/scenarios/${id}/deactivate`);
    const restarted = await server.api('POST', `/api/scenarios/${id}/activate`);
    expect(restarted.body).toMatchObject({ unchanged: true, version: { version: 1 } });
    expect(restarted.body.scenario).toMatchObject({ status: 'active', activeVersion: 1 });
    // Live again: an event starts a run on version 1.
    const sent = await server.api('POST', '/api/events', { customer_id: 'c-1', type: 'signup' });
    expect(sent.status).toBe(202);
    expect(sent.body.events[0].runIds).toHaveLength(1);
  });
});
