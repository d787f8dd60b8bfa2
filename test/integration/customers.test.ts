import { describe, expect, it } from 'vitest';
import { serverWithSink } from './helpers/test-server.ts';

const filterQuery = (rules: unknown[]) => `filter=${encodeURIComponent(JSON.stringify({ rules }))}`;

describe('the customers API over a real server', () => {
  const context = serverWithSink({ shared: true });

  const count = () =>
    (context.server.store.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  const ids = (body: { items: { id: string }[] }) => body.items.map((customer) => customer.id);

  it('creates a customer with PUT (201), then replaces all its attributes (200)', async () => {
    const phone = '+33612345678';
    const seed = { user_id: phone, user_phone_number: phone, bot_channel: 'whatsapp', plan: 'free' };
    const created = await context.server.api('PUT', `/api/customers/${encodeURIComponent(phone)}`, seed);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: phone, attributes: seed });
    const replaced = await context.server.api('PUT', `/api/customers/${encodeURIComponent(phone)}`, {
      plan: 'pro',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.attributes).toEqual({ plan: 'pro' });
    expect(replaced.body.createdAt).toBe(created.body.createdAt);
    expect((await context.server.api('GET', `/api/customers/${encodeURIComponent(phone)}`)).body).toEqual(
      replaced.body,
    );
  });

  it('merges top-level attributes with PATCH, removing those set to null, and creates when missing', async () => {
    const created = await context.server.api('PATCH', '/api/customers/patchy', {
      a: 1,
      nested: { x: 1, y: 2 },
    });
    expect(created.status).toBe(201);
    const merged = await context.server.api('PATCH', '/api/customers/patchy', {
      b: 2,
      a: null,
      nested: { x: 3 },
    });
    expect(merged.status).toBe(200);
    // Shallow: a nested object is replaced whole, not merged.
    expect(merged.body.attributes).toEqual({ b: 2, nested: { x: 3 } });
  });

  it('deletes a customer (204), then answers 404 naming the id', async () => {
    await context.server.api('PUT', '/api/customers/gone', { plan: 'free' });
    expect((await context.server.api('DELETE', '/api/customers/gone')).status).toBe(204);
    const again = await context.server.api('DELETE', '/api/customers/gone');
    expect(again.status).toBe(404);
    expect(again.body.error).toEqual({ code: 'not_found', message: 'customer "gone" does not exist' });
    const read = await context.server.api('GET', '/api/customers/gone');
    expect(read.status).toBe(404);
    expect(read.body.error.message).toBe('customer "gone" does not exist');
  });

  it('refuses attributes that are not one JSON object, and writes nothing', async () => {
    const before = count();
    for (const body of ['[1,2]', '"text"', '42', 'null', 'true']) {
      const response = await context.server.api('PUT', '/api/customers/bad', body);
      expect(response.status, body).toBe(400);
      expect(response.body.error.message, body).toContain('attributes must be a JSON object');
    }
    const patch = await context.server.api('PATCH', '/api/customers/bad', [{ plan: 'pro' }]);
    expect(patch.status).toBe(400);
    const broken = await context.server.api('PUT', '/api/customers/bad', '{"plan": ');
    expect(broken.status).toBe(400);
    const surrogate = await context.server.api('PUT', '/api/customers/bad', '{"name":"\\ud800"}');
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.error.message).toContain('unpaired UTF-16 surrogate');
    expect(count()).toBe(before);
  });

  it('lists customers by id in pages, with next pointing at the last id', async () => {
    for (const id of ['p3', 'p1', 'p2'])
      await context.server.api('PUT', `/api/customers/${id}`, { page: true });
    const first = await context.server.api(
      'GET',
      `/api/customers?limit=2&${filterQuery([{ field: 'customer.page', criteria: 'exists' }])}`,
    );
    expect(first.status).toBe(200);
    expect(ids(first.body)).toEqual(['p1', 'p2']);
    expect(first.body.next).toBe('p2');
    const second = await context.server.api(
      'GET',
      `/api/customers?limit=2&after=p2&${filterQuery([{ field: 'customer.page', criteria: 'exists' }])}`,
    );
    expect(ids(second.body)).toEqual(['p3']);
    expect(second.body.next).toBeNull();
    const unfiltered = await context.server.api('GET', '/api/customers?limit=1000');
    expect(ids(unfiltered.body)).toEqual([...ids(unfiltered.body)].sort());
    expect(ids(unfiltered.body)).toEqual(expect.arrayContaining(['p1', 'p2', 'p3', 'patchy']));
  });

  it('lists the customers an audience filter selects (AND binds tighter than OR)', async () => {
    const people = {
      ada: { bot_channel: 'sms', plan: 'pro', age: 36 },
      bob: { bot_channel: 'sms', plan: 'free', age: '41' },
      cyd: { bot_channel: 'rcs', plan: 'pro', tags: ['vip'] },
      dee: { bot_channel: 'telegram', plan: 'free' },
    };
    for (const [id, attributes] of Object.entries(people))
      await context.server.api('PUT', `/api/customers/${id}`, attributes);
    const select = async (rules: unknown[]) =>
      ids((await context.server.api('GET', `/api/customers?${filterQuery(rules)}`)).body);
    expect(await select([{ field: 'customer.bot_channel', criteria: 'in_list', value: 'sms, rcs' }])).toEqual(
      ['ada', 'bob', 'cyd'],
    );
    expect(await select([{ field: 'customer.age', criteria: 'greater_than', value: 40 }])).toEqual(['bob']);
    expect(await select([{ field: 'customer.tags', criteria: 'contains', value: 'vip' }])).toEqual(['cyd']);
    expect(await select([{ field: 'customer.id', criteria: 'starts_with', value: 'd' }])).toEqual(['dee']);
    expect(
      await select([
        { field: 'customer.plan', criteria: 'equals', value: 'pro' },
        { field: 'customer.bot_channel', criteria: 'equals', value: 'rcs' },
        { field: 'customer.id', criteria: 'equals', value: 'dee', join: 'or' },
      ]),
    ).toEqual(['cyd', 'dee']);
  });

  it('answers 400 with the place at fault for a filter that is not JSON or not a valid audience filter', async () => {
    const notJson = await context.server.api('GET', '/api/customers?filter=%7Brules');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toContain('filter is not valid JSON');
    const cases: [unknown, string, string][] = [
      [
        { rules: [{ field: 'customer.plan', criteria: 'resembles', value: 'x' }] },
        'filter.rules[0].criteria',
        'criteria',
      ],
      [
        { rules: [{ field: 'event.type', criteria: 'exists' }] },
        'filter.rules[0].field',
        'start with "customer."',
      ],
      [
        { rules: [{ field: "customer.plan'--", criteria: 'exists' }] },
        'filter.rules[0].field',
        'dotted path',
      ],
      [
        { rules: [{ field: 'customer.a.0.1.2.3', criteria: 'exists' }] },
        'filter.rules[0].field',
        'more than 3 times',
      ],
      [{ rules: 'all' }, 'filter.rules', 'array'],
      [[1, 2], 'filter', 'object'],
    ];
    for (const [filter, field, words] of cases) {
      const response = await context.server.api(
        'GET',
        `/api/customers?filter=${encodeURIComponent(JSON.stringify(filter))}`,
      );
      expect(response.status, JSON.stringify(filter)).toBe(400);
      expect(response.body.error.issues[0].field, JSON.stringify(filter)).toBe(field);
      expect(response.body.error.message.toLowerCase(), JSON.stringify(filter)).toContain(
        words.toLowerCase(),
      );
    }
    expect((await context.server.api('GET', '/api/customers?limit=0')).status).toBe(400);
    expect((await context.server.api('GET', '/api/customers?limit=1001')).status).toBe(400);
  });

  it('binds filter values, so quotes and SQL in a value are only text', async () => {
    const sneaky = "x' OR '1'='1";
    await context.server.api('PUT', '/api/customers/quoted', { note: sneaky });
    const rules = [{ field: 'customer.note', criteria: 'equals', value: sneaky }];
    expect(ids((await context.server.api('GET', `/api/customers?${filterQuery(rules)}`)).body)).toEqual([
      'quoted',
    ]);
    const none = [{ field: 'customer.note', criteria: 'equals', value: "'); DELETE FROM customers; --" }];
    expect(ids((await context.server.api('GET', `/api/customers?${filterQuery(none)}`)).body)).toEqual([]);
    expect(count()).toBeGreaterThan(5);
  });

  it('answers 401 on every customers route without the API key', async () => {
    for (const [method, path] of [
      ['GET', '/api/customers'],
      ['GET', '/api/customers/ada'],
      ['PUT', '/api/customers/ada'],
      ['PATCH', '/api/customers/ada'],
      ['DELETE', '/api/customers/ada'],
    ] as const) {
      const response = await fetch(`${context.server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'PUT' || method === 'PATCH' ? { body: '{"hacked":true}' } : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
    expect((await context.server.api('GET', '/api/customers/ada')).body.attributes.hacked).toBeUndefined();
  });

  it('documents the customers routes in the OpenAPI document', async () => {
    const docs = await (await fetch(`${context.server.url}/api/docs/json`)).json();
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/api/customers', '/api/customers/{id}']),
    );
  });
});
