import { describe, expect, it } from 'vitest';
import { TEST_API_KEY, serverWithSink } from './helpers/test-server.ts';

describe('the API refuses bad input clearly and writes nothing', () => {
  const context = serverWithSink({ shared: true });

  const count = (table: string) =>
    (context.server.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('answers 401 without or with a wrong API key', async () => {
    const none = await fetch(`${context.server.url}/api/scenarios`);
    expect(none.status).toBe(401);
    expect((await none.json()).error.message).toMatch(/Authorization: Bearer/);
    const wrong = await fetch(`${context.server.url}/api/scenarios`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${context.server.url}/api/scenarios`, {
      headers: { authorization: `Bearer ${TEST_API_KEY}` },
    });
    expect(right.status).toBe(200);
  });

  it('names the node and field of a bad scenario and creates nothing', async () => {
    const response = await context.server.api('POST', '/api/scenarios', {
      name: 'broken',
      definition: {
        nodes: [{ id: 'hook', type: 'webhok', config: {} }],
        edges: [],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0]).toMatchObject({ nodeId: 'hook', field: 'type' });
    expect(response.body.error.message).toContain('node "hook"');
    expect(count('scenarios')).toBe(0);
  });

  it('answers 400 for JSON that does not parse', async () => {
    const response = await context.server.api('POST', '/api/scenarios', '{"name": ');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('bad_request');
  });

  it('refuses to activate an invalid graph and lists every issue', async () => {
    const created = await context.server.api('POST', '/api/scenarios', {
      name: 'no trigger',
      definition: {
        nodes: [{ id: 'hook', type: 'webhook', config: { url: 'http://127.0.0.1/{{ customer.id ' } }],
        edges: [{ id: 'e', source: 'hook', target: 'ghost', sourceHandle: 'success' }],
      },
    });
    expect(created.status).toBe(201);
    const activated = await context.server.api('POST', `/api/scenarios/${created.body.id}/activate`);
    expect(activated.status).toBe(400);
    const messages = activated.body.error.issues.map((issue: any) => issue.message).join('\n');
    expect(messages).toContain('at least one trigger');
    expect(messages).toContain('unknown node "ghost"');
    expect(count('scenario_versions')).toBe(0);
  });

  it('accepts an unfinished draft but refuses to activate it, naming the node and field', async () => {
    const created = await context.server.api('POST', '/api/scenarios', {
      name: 'unfinished',
      definition: {
        nodes: [
          { id: 'start', type: 'trigger.event', config: { eventType: 'signup' } },
          { id: 'hook', type: 'webhook', config: { method: 'PATCH', url: '' } },
        ],
        edges: [{ id: 'e', source: 'start', target: 'hook' }],
      },
    });
    expect(created.status).toBe(201);
    const activated = await context.server.api('POST', `/api/scenarios/${created.body.id}/activate`);
    expect(activated.status).toBe(400);
    expect(activated.body.error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'hook', field: 'config.method' }),
        expect.objectContaining({ nodeId: 'hook', field: 'config.url', message: 'url is required' }),
      ]),
    );
    expect(activated.body.error.message).toContain('node "hook"');
    expect(count('scenario_versions')).toBe(0);
    expect((await context.server.api('GET', `/api/scenarios/${created.body.id}`)).body.status).toBe('draft');
  });

  it('rejects bad events with the field at fault and stores none of the batch', async () => {
    const response = await context.server.api('POST', '/api/events', [
      { customer_id: 'ok', type: 'signup' },
      { customer_id: '', type: 'signup' },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('customer_id');
    expect(response.body.error.issues[0].field).toBe('[1].customer_id');
    const tooMany = await context.server.api(
      'POST',
      '/api/events',
      Array.from({ length: 1001 }, () => ({ customer_id: 'a', type: 't' })),
    );
    expect(tooMany.status).toBe(400);
    expect(count('events')).toBe(0);
    expect(count('customers')).toBe(0);
  });

  it('answers 404 with the id for unknown scenarios and runs', async () => {
    const scenario = await context.server.api('GET', '/api/scenarios/scn_missing');
    expect(scenario.status).toBe(404);
    expect(scenario.body.error.message).toBe('scenario "scn_missing" does not exist');
    expect((await context.server.api('POST', '/api/scenarios/scn_missing/activate')).status).toBe(404);
    expect((await context.server.api('GET', '/api/runs/run_missing')).status).toBe(404);
    expect((await context.server.api('GET', '/api/nowhere')).status).toBe(404);
  });

  it('makes events with the same id idempotent', async () => {
    const event = { id: 'evt-client-1', customer_id: 'idem', type: 'nothing-listens' };
    const first = await context.server.api('POST', '/api/events', event);
    const second = await context.server.api('POST', '/api/events', event);
    expect(first.body.events[0]).toMatchObject({ id: 'evt-client-1', duplicate: false });
    expect(second.body.events[0]).toMatchObject({ id: 'evt-client-1', duplicate: true, runIds: [] });
  });

  it('serves the OpenAPI document and health without a key', async () => {
    expect((await fetch(`${context.server.url}/health`)).status).toBe(200);
    const docs = await fetch(`${context.server.url}/api/docs/json`);
    expect(docs.status).toBe(200);
    expect(Object.keys((await docs.json()).paths)).toContain('/api/events');
  });
});
