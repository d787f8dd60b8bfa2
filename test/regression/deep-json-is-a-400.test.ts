import { describe, expect, it } from 'vitest';
import { activeHook } from '../integration/launch-hook/launch-hook-helpers.ts';
import { triggerToWebhook } from '../integration/helpers/scenarios.ts';
import { activeScenario, serverWithSink, TEST_API_KEY } from '../integration/helpers/test-server.ts';

// Customer attributes nested 1,001 levels (SQLite's JSON depth limit) and event properties nested
// ~5,000 levels (a stack overflow in JSON.stringify) answered 500. Every free-form JSON field is
// now bounded at the API edge (32 levels, 64 KiB) with a 400 naming the field and the limit, and
// a body deeper than 64 levels is refused whatever the route.

/** `{"a":{"a":…leaf…}}`, `depth` objects deep, as text: the test never builds it as an object. */
const nested = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
/** `[[[…]]]`, `depth` arrays deep. */
const brackets = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Sends `text` exactly as given with the test key, and answers the status and parsed body. */
async function send(url: string, method: string, text: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
    body: text,
  });
  const answer = await response.text();
  return { status: response.status, body: answer ? JSON.parse(answer) : null };
}

/** The single issue of a 400 as `field: message`. */
const onlyIssue = (answer: { status: number; body: any }) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  expect(answer.body.error.code).toBe('bad_request');
  return answer.body.error.issues.map((issue: any) => `${issue.field}: ${issue.message}`);
};

describe('deep or large free-form JSON is a 400 naming the field and the limit', () => {
  const context = serverWithSink({ shared: true });
  const api = (method: string, path: string, text: string) =>
    send(`${context.server.url}${path}`, method, text);

  it('refuses customer attributes deeper than 32 levels (1,001 and 100,000 too) and keeps the old ones', async () => {
    const saved = await api('PUT', '/api/customers/deep-1', '{"plan":"pro"}');
    expect(saved.status).toBe(201);
    expect((await api('PUT', '/api/customers/deep-1', nested(32))).status).toBe(200);
    await api('PUT', '/api/customers/deep-1', '{"plan":"pro"}');
    for (const depth of [33, 1001, 100_000]) {
      for (const method of ['PUT', 'PATCH']) {
        const answer = await api(method, '/api/customers/deep-1', nested(depth));
        expect(onlyIssue(answer), `${method} ${depth}`).toEqual([
          '(root): attributes nested deeper than 32 levels',
        ]);
        expect(answer.body.error.message).toBe(
          'invalid body: (root): attributes nested deeper than 32 levels',
        );
      }
    }
    const kept = await context.server.api('GET', '/api/customers/deep-1');
    expect(kept.body.attributes).toEqual({ plan: 'pro' });
  });

  it('refuses customer attributes larger than 64 KiB as JSON, and takes 64 KiB exactly', async () => {
    // {"note":"xxx…"} is 11 bytes of JSON around the text.
    const sized = (bytes: number) => JSON.stringify({ note: 'x'.repeat(bytes - 11) });
    expect((await api('PUT', '/api/customers/big-1', sized(64 * 1024))).status).toBe(201);
    const answer = await api('PUT', '/api/customers/big-1', sized(64 * 1024 + 1));
    expect(onlyIssue(answer)).toEqual(['(root): attributes larger than 64 KiB as JSON']);
    // Multi-byte text counts in UTF-8 bytes: 22,000 × "€" is 66,000 bytes.
    const euros = await api('PATCH', '/api/customers/big-1', JSON.stringify({ note: '€'.repeat(22_000) }));
    expect(onlyIssue(euros)).toEqual(['(root): attributes larger than 64 KiB as JSON']);
    const kept = await context.server.api('GET', '/api/customers/big-1');
    expect(kept.body.attributes.note).toHaveLength(64 * 1024 - 11);
  });

  it('refuses event properties nested 5,000 levels by the event and field, and starts nothing', async () => {
    const scenarioId = await activeScenario(
      context.server,
      triggerToWebhook('deep', `${context.sink.url}/deep`),
    );
    const event = (customer: string, properties: string) =>
      `{"customer_id":"${customer}","type":"deep","properties":${properties}}`;
    for (const depth of [33, 5000, 100_000]) {
      const single = await api('POST', '/api/events', event('ev-deep', nested(depth)));
      expect(onlyIssue(single)).toEqual(['properties: nested deeper than 32 levels']);
      expect(single.body.error.message).toBe('invalid body: properties: nested deeper than 32 levels');
      const batch = await api(
        'POST',
        '/api/events',
        `[${event('ev-ok', '{}')},${event('ev-deep', nested(depth))}]`,
      );
      expect(onlyIssue(batch)).toEqual(['[1].properties: nested deeper than 32 levels']);
    }
    const large = await api(
      'POST',
      '/api/events',
      event('ev-big', JSON.stringify({ s: 'x'.repeat(70_000) })),
    );
    expect(onlyIssue(large)).toEqual(['properties: larger than 64 KiB as JSON']);

    const runs = await context.server.api('GET', `/api/runs?scenarioId=${scenarioId}`);
    expect(runs.body.items).toEqual([]);
    for (const id of ['ev-ok', 'ev-deep', 'ev-big']) {
      expect((await context.server.api('GET', `/api/customers/${id}`)).status, id).toBe(404);
    }
    // The same event within the bound is taken and runs: the refusals above were about depth.
    const taken = await api('POST', '/api/events', event('ev-ok', nested(32)));
    expect(taken.status).toBe(202);
    expect(taken.body.events[0].runIds).toHaveLength(1);
  });

  it('refuses launch-hook targets whose variables are nested too deep, and creates no contact', async () => {
    const { url } = await activeHook(context.server, context.sink.url);
    const target = (id: string, variables: string) =>
      `{"user_id":"${id}","bot_channel":"web","variables":${variables}}`;
    for (const depth of [33, 1001, 100_000]) {
      const answer = await send(
        url,
        'POST',
        `{"targets":[${target('hook-ok', '{}')},${target('hook-deep', nested(depth))}]}`,
      );
      expect(onlyIssue(answer), String(depth)).toEqual(['targets[1]: nested deeper than 32 levels']);
    }
    const large = await send(
      url,
      'POST',
      `{"targets":[${target('hook-big', JSON.stringify({ s: 'x'.repeat(70_000) }))}]}`,
    );
    expect(onlyIssue(large)).toEqual(['targets[0]: larger than 64 KiB as JSON']);
    for (const id of ['hook-ok', 'hook-deep', 'hook-big']) {
      expect((await context.server.api('GET', `/api/customers/${id}`)).status, id).toBe(404);
    }
  });

  it('refuses webhook-test samples nested too deep, naming each sample field', async () => {
    const node = { id: 'hook', type: 'webhook', config: { url: `${context.sink.url}/t`, body: '{}' } };
    const withSample = (sample: string) => `{"node":${JSON.stringify(node)},"sample":${sample}}`;
    const deep = nested(1001);
    const cases: [string, string][] = [
      [`{"customer":${deep}}`, 'sample.customer'],
      [`{"event":{"type":"t","properties":${deep}}}`, 'sample.event.properties'],
      [`{"responses":[{"status":200,"json":${deep}}]}`, 'sample.responses[0].json'],
      [`{"customers":[{},${deep}]}`, 'sample.customers[1]'],
    ];
    for (const [sample, field] of cases) {
      const answer = await api('POST', '/api/webhooks/test', withSample(sample));
      expect(onlyIssue(answer)).toEqual([`${field}: nested deeper than 32 levels`]);
    }
    const fine = await api('POST', '/api/webhooks/test', withSample(`{"customer":${nested(32)}}`));
    expect(fine.status).toBe(200);
  });

  it('refuses a draft node config nested too deep, by node and field, and saves nothing', async () => {
    const draft = (config: string) =>
      `{"name":"deep draft","definition":{"nodes":[{"id":"start","type":"trigger.event","config":${config}}],"edges":[]}}`;
    const answer = await api('POST', '/api/scenarios', draft(nested(5000)));
    expect(answer.status).toBe(400);
    expect(answer.body.error.issues).toEqual([
      { nodeId: 'start', field: 'config', message: 'nested deeper than 32 levels' },
    ]);
    const listed = await context.server.api('GET', '/api/scenarios');
    expect(listed.body.items.map((scenario: any) => scenario.name)).not.toContain('deep draft');
  });

  it('answers 4xx, never 500, to bodies nested 50,000 and 20,000 levels on every route', async () => {
    const document = (await (await fetch(`${context.server.url}/api/docs/json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes: { method: string; path: string }[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const method of Object.keys(methods)) {
        if (['post', 'put', 'patch'].includes(method)) {
          routes.push({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x') });
        }
      }
    }
    // The document lists the routes; a short list would make this sweep hollow.
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const { url } = await activeHook(context.server, context.sink.url);
    const targets = routes.map((route) => ({ ...route, url: `${context.server.url}${route.path}` }));
    targets.push({ method: 'POST', path: '/hooks/:token', url });

    // Far past SQLite's 1,000 levels and JSON.stringify's few thousand, small enough to send fast.
    const bodies = { brackets: brackets(50_000), objects: nested(20_000) };
    const refused: string[] = [];
    for (const target of targets) {
      for (const [name, text] of Object.entries(bodies)) {
        const { status } = await send(target.url, target.method, text);
        // 4xx: mostly 400; a schema that drops unknown keys leaves nothing deep, so a 404 may come first.
        if (status < 400 || status >= 500) refused.push(`${target.method} ${target.path} ${name}: ${status}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('answers 400 to a 1 MiB body of [[[[…]]]] and to a 100,000-deep object', async () => {
    const { url } = await activeHook(context.server, context.sink.url);
    const megabyte = brackets(512 * 1024 - 1);
    const cases: [string, string, string, string][] = [
      ['POST', '/api/scenarios/validate', megabyte, '(root): nested deeper than 64 levels'],
      ['POST', '/api/scenarios/validate', nested(100_000), '(root): nested deeper than 64 levels'],
      ['POST', '/api/events', megabyte, '[0]: each event must be a JSON object'],
      ['PUT', '/api/customers/mb', megabyte, '(root): attributes must be a JSON object, e.g. {"plan":"pro"}'],
    ];
    for (const [method, path, text, issue] of cases) {
      expect(onlyIssue(await api(method, path, text)), `${method} ${path}`).toEqual([issue]);
    }
    const hook = await send(url, 'POST', megabyte);
    expect(onlyIssue(hook)).toEqual(['(root): the payload must be a JSON object']);
  });
});
