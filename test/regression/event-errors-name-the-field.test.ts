import { describe, expect, it } from 'vitest';
import { triggerToWebhook } from '../integration/helpers/scenarios.ts';
import { activeScenario, serverWithSink, TEST_API_KEY } from '../integration/helpers/test-server.ts';

// POST /api/events takes one event or an array of them (a zod union). Every bad event answered
// `{"field":"(root)","message":"Invalid input"}`, the union's own words: neither the event nor
// the field at fault, nor the 1,000 limit. The answer now names the item and the field
// (`[1].type`) and says the limit.

const ok = { customer_id: 'c-1', type: 'signup' };

describe('a refused event names the item and the field at fault', () => {
  const context = serverWithSink({ shared: true });

  /** Posts `body` (text as is, anything else as JSON) and answers status and error. */
  async function post(body: unknown): Promise<{ status: number; error: any; body: any }> {
    const response = await fetch(`${context.server.url}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const parsed = JSON.parse(await response.text());
    return { status: response.status, error: parsed.error, body: parsed };
  }

  it.each([
    ['a missing type', { customer_id: 'c-1' }, 'type', 'type is required'],
    ['a missing customer_id', { type: 'signup' }, 'customer_id', 'customer_id is required'],
    ['an empty customer_id', { ...ok, customer_id: '  ' }, 'customer_id', 'customer_id is required'],
    ['a number as customer_id', { ...ok, customer_id: 42 }, 'customer_id', 'customer_id must be text'],
    [
      'properties that are a list',
      { ...ok, properties: [1] },
      'properties',
      'properties must be a JSON object, e.g. {"plan":"pro"}',
    ],
    [
      'a bad timestamp',
      { ...ok, timestamp: 'yesterday' },
      'timestamp',
      'timestamp must be an ISO 8601 date-time',
    ],
    ['a bad second item of an array', [ok, { customer_id: 'c-2' }], '[1].type', 'type is required'],
    [
      'a bad field of the third item',
      [ok, ok, { ...ok, properties: 'x' }],
      '[2].properties',
      'properties must be a JSON object, e.g. {"plan":"pro"}',
    ],
    ['an item that is not an object', [ok, 7], '[1]', 'each event must be a JSON object'],
    ['an empty array', [], '(root)', 'send at least one event'],
    [
      'a body that is neither an event nor an array',
      '"signup"',
      '(root)',
      'send one event (a JSON object) or an array of events',
    ],
  ])('answers 400 for %s, naming %s', async (_case, body, field, message) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.error.issues).toEqual([{ field, message }]);
    expect(answer.error.message).toBe(`invalid body: ${field}: ${message}`);
  });

  it('names every bad item of an array, not only the first', async () => {
    const answer = await post([{ type: 'a' }, ok, { customer_id: 'c', type: 'b', properties: 3 }]);
    expect(answer.status).toBe(400);
    expect(answer.error.issues.map((issue: any) => issue.field)).toEqual([
      '[0].customer_id',
      '[2].properties',
    ]);
  });

  it('says the limit of 1,000 events per request', async () => {
    const answer = await post(Array.from({ length: 1001 }, (_, index) => ({ ...ok, id: `e-${index}` })));
    expect(answer.status).toBe(400);
    expect(answer.error.issues).toEqual([
      { field: '(root)', message: 'send at most 1,000 events per request' },
    ]);
    expect((await post(Array.from({ length: 1000 }, () => ok))).status).toBe(202);
  });

  it('starts no run and records no customer for a batch refused by one bad item', async () => {
    const scenarioId = await activeScenario(
      context.server,
      triggerToWebhook('order', `${context.sink.url}/order`),
    );
    const good = { customer_id: 'batch-1', type: 'order' };
    const refused = await post([good, { ...good, customer_id: 'batch-2', timestamp: 'soon' }]);
    expect(refused.status).toBe(400);
    expect(refused.error.issues).toEqual([
      { field: '[1].timestamp', message: 'timestamp must be an ISO 8601 date-time' },
    ]);
    const runs = await context.server.api('GET', `/api/runs?scenarioId=${scenarioId}`);
    expect(runs.body.items).toEqual([]);
    for (const id of ['batch-1', 'batch-2']) {
      expect((await context.server.api('GET', `/api/customers/${id}`)).status, id).toBe(404);
    }
    // The good event alone is taken and starts its run: the refusal was the bad item's.
    const taken = await post([good]);
    expect(taken.status).toBe(202);
    expect(taken.body.events[0].runIds).toHaveLength(1);
  });
});

describe('validation errors everywhere write paths as accessors', () => {
  const context = serverWithSink({ shared: true });

  it('writes array indexes in brackets in a query string filter', async () => {
    const filter = encodeURIComponent(
      JSON.stringify({ rules: [{ field: 'customer.plan', criteria: 'resembles' }] }),
    );
    const answer = await context.server.api('GET', `/api/customers?filter=${filter}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.issues[0].field).toBe('filter.rules[0].criteria');
    expect(answer.body.error.message).toMatch(/^invalid querystring: filter\.rules\[0\]\.criteria: /);
  });
});
