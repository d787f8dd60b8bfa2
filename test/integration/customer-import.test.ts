import { describe, expect, it } from 'vitest';
import { triggerToWebhook } from './helpers/scenarios.ts';
import { activeScenario, serverWithSink, TEST_API_KEY, waitForRun } from './helpers/test-server.ts';
import { subscribe, waitForEvents } from './subscriptions/helpers.ts';

/** Posts a file body as a client would stream it, with its content type. */
async function upload(url: string, type: string, body: string | ReadableStream<Uint8Array>) {
  const response = await fetch(`${url}/api/customers/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': type },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
  return { status: response.status, body: await response.json() };
}

describe('bulk customer import', () => {
  const context = serverWithSink();
  const attributesOf = async (id: string) =>
    (await context.server.api('GET', `/api/customers/${encodeURIComponent(id)}`)).body?.attributes;

  it('upserts NDJSON lines and reports each bad line by its number while the good ones land', async () => {
    const { server } = context;
    await server.api('PUT', '/api/customers/ada', { plan: 'free', email: 'ada@example.com' });
    const lines = [
      '{"id":"ada","attributes":{"plan":"pro"}}',
      '{"id":"bob","attributes":{"plan":"free","tags":["a"]}}',
      '',
      '{"id":"cid", "attributes": ',
      '{"id":"","attributes":{}}',
      '{"id":"dan","attributes":{"plan":"pro"},"extra":1}',
      '{"id":"eve"}',
      `{"id":"deep","attributes":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`,
    ];
    const answer = await upload(server.url, 'application/x-ndjson', `${lines.join('\n')}\n`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      format: 'ndjson',
      lines: 7,
      imported: 3,
      failed: 4,
      errorsTruncated: false,
    });
    expect(answer.body.errors.map((error: { line: number }) => error.line)).toEqual([4, 5, 6, 8]);
    expect(answer.body.errors[0].message).toMatch(/^not valid JSON/);
    expect(answer.body.errors[2].message).toContain('extra');
    expect(answer.body.errors[3].message).toBe('attributes: nested deeper than 32 levels');
    // A merge: ada keeps her email.
    expect(await attributesOf('ada')).toEqual({ plan: 'pro', email: 'ada@example.com' });
    expect(await attributesOf('bob')).toEqual({ plan: 'free', tags: ['a'] });
    expect(await attributesOf('eve')).toEqual({});
    expect((await server.api('GET', '/api/customers/dan')).status).toBe(404);
  });

  it('imports CSV with a header, quoted commas and line breaks, and numbers the lines as the file does', async () => {
    const { server } = context;
    const csv = [
      'id,plan,city',
      'ada,pro,"Lyon, France"',
      'bob,,"Saint-',
      'Étienne"',
      'cid,free',
      '"+33612345678",trial,Paris',
      'fay,"pr"o"",Lyon',
      'gus,pro,Nice',
    ].join('\r\n');
    const answer = await upload(server.url, 'text/csv', csv);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ format: 'csv', lines: 6, imported: 4, failed: 2 });
    expect(answer.body.errors).toEqual([
      { line: 5, message: 'has 2 fields, the header has 3' },
      { line: 7, message: expect.stringMatching(/^not valid CSV: .*line 1/) },
    ]);
    expect(await attributesOf('gus')).toEqual({ plan: 'pro', city: 'Nice' });
    expect(await attributesOf('ada')).toEqual({ plan: 'pro', city: 'Lyon, France' });
    expect(await attributesOf('bob')).toEqual({ city: 'Saint-\r\nÉtienne' });
    expect(await attributesOf('+33612345678')).toEqual({ plan: 'trial', city: 'Paris' });

    const headless = await upload(server.url, 'text/csv', 'plan,city\npro,Lyon\n');
    expect(headless.status).toBe(400);
    expect(headless.body.error.message).toContain('no "id" column');
    const json = await server.api('POST', '/api/customers/import', [{ id: 'x' }]);
    expect(json.status).toBe(415);
    expect(json.body.error.message).toContain('application/x-ndjson');
  });

  it('reports a line too long for its number, drops it as it streams, and imports the lines after it', async () => {
    const { server } = context;
    const huge = `{"id":"big","attributes":{"blob":"${'x'.repeat(300 * 1024)}"}}`;
    // Sent in small pieces, as a slow client would: the long line spans many chunks.
    const text = `{"id":"one","attributes":{"n":1}}\n${huge}\n{"id":"two","attributes":{"n":2}}\n`;
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 4096) controller.enqueue(bytes.subarray(at, at + 4096));
        controller.close();
      },
    });
    const answer = await upload(server.url, 'application/x-ndjson', stream);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ lines: 3, imported: 2, failed: 1 });
    expect(answer.body.errors).toEqual([{ line: 2, message: 'line is longer than 128 KiB' }]);
    expect(await attributesOf('two')).toEqual({ n: 2 });
  });

  it('writes in batches: 2,500 customers, the same customer twice keeps the later line', async () => {
    const { server } = context;
    const lines = Array.from({ length: 2500 }, (_, index) =>
      JSON.stringify({ id: `c${index}`, attributes: { index } }),
    );
    lines.push('{"id":"c7","attributes":{"index":"again"}}');
    const answer = await upload(server.url, 'application/x-ndjson', lines.join('\n'));
    expect(answer.body).toMatchObject({ lines: 2501, imported: 2501, failed: 0 });
    expect(await attributesOf('c2499')).toEqual({ index: 2499 });
    expect(await attributesOf('c7')).toEqual({ index: 'again' });
  });

  it("merges an event's attributes into its customer before its runs start, in the event's transaction", async () => {
    const { server, sink } = context;
    await server.api('PUT', '/api/customers/ada', { plan: 'free', email: 'ada@example.com' });
    const scenarioId = await activeScenario(
      server,
      triggerToWebhook(
        'upgrade',
        `${sink.url}/hook`,
        '{"plan":"{{ customer.plan }}","email":"{{ customer.email }}"}',
      ),
    );
    expect(scenarioId).toBeTruthy();
    const sent = await server.api('POST', '/api/events', [
      { id: 'evt_up_1', customer_id: 'ada', type: 'upgrade', attributes: { plan: 'pro' } },
      { customer_id: 'new', type: 'other', attributes: { plan: 'trial', nested: { a: 1 } } },
    ]);
    expect(sent.status).toBe(202);
    await waitForRun(server, sent.body.events[0].runIds[0], (run) => run.status === 'completed');
    expect(JSON.parse(sink.received[0]!.body)).toEqual({ plan: 'pro', email: 'ada@example.com' });
    expect(await attributesOf('ada')).toEqual({ plan: 'pro', email: 'ada@example.com' });
    expect(await attributesOf('new')).toEqual({ plan: 'trial', nested: { a: 1 } });

    // The same event again is a duplicate: its attributes are not merged over a newer value.
    await server.api('PATCH', '/api/customers/ada', { plan: 'enterprise' });
    const again = await server.api('POST', '/api/events', {
      id: 'evt_up_1',
      customer_id: 'ada',
      type: 'upgrade',
      attributes: { plan: 'pro' },
    });
    expect(again.body.events[0]).toMatchObject({ duplicate: true, runIds: [] });
    expect((await attributesOf('ada')).plan).toBe('enterprise');

    // Bad attributes refuse the request whole: nothing of it is stored.
    const bad = await server.api('POST', '/api/events', [
      { customer_id: 'zed', type: 'upgrade', attributes: { plan: 'pro' } },
      { customer_id: 'zed', type: 'upgrade', attributes: 'pro' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('[1].attributes');
    expect((await server.api('GET', '/api/customers/zed')).status).toBe(404);
  });

  it('tells subscriptions what changed and why: source import for an import, event for event attributes', async () => {
    const { server, sink } = context;
    await subscribe(server, { url: `${sink.url}/events`, events: [{ type: 'customer.attributes_changed' }] });
    await upload(server.url, 'application/x-ndjson', '{"id":"ada","attributes":{"plan":"pro"}}\n');
    await server.api('POST', '/api/events', {
      customer_id: 'ada',
      type: 'visit',
      attributes: { plan: 'vip' },
    });
    const events = await waitForEvents(sink, { path: '/events', count: 2 });
    expect(events.map((event) => event.json.properties)).toMatchObject([
      { customer_id: 'ada', source: 'import', changes: { plan: { old: null, new: 'pro' } } },
      { customer_id: 'ada', source: 'event', changes: { plan: { old: 'pro', new: 'vip' } } },
    ]);
  });
});
