import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { serverWithSink, TEST_API_KEY } from '../integration/helpers/test-server.ts';

// The auth hook tested the raw request URL for the prefix "/api/" while the router decodes the
// path, so `POST /%61pi/api-keys` without any key answered 201 with a working admin key. Every
// spelling the router resolves to an /api route must meet the key check.

/** Spellings of one `/api/<rest>` path that a router may resolve to the same route. */
function spellings(rest: string): string[] {
  const encodeEach = (text: string) =>
    [...text].map((char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
  return [
    `/api/${rest}`,
    `/%61pi/${rest}`,
    `/a%70i/${rest}`,
    `/ap%69/${rest}`,
    `/${encodeEach('api')}/${rest}`,
    `/${encodeEach('api')}/${encodeEach(rest.split('/')[0]!)}${rest.slice(rest.split('/')[0]!.length)}`,
    `/%2561pi/${rest}`,
    `//api/${rest}`,
    `/./api/${rest}`,
    `/api/../api/${rest}`,
    `/API/${rest}`,
    `/api;x=1/${rest}`,
    `/api/${rest};x=1`,
    `/api./${rest}`,
    `/api/${rest}.`,
    `/api/${rest}/`,
    `http://anything/api/${rest}`,
    `http://anything/%61pi/${rest}`,
  ];
}

/** Sends the path exactly as written (fetch would normalise it) and answers the status. */
function rawStatus(base: URL, options: { method: string; path: string; key?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    const body = options.method === 'GET' || options.method === 'DELETE' ? undefined : '{}';
    const req = request(
      { host: base.hostname, port: base.port, method: options.method, path: options.path, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Every operation the OpenAPI document lists under /api, with its path parameters filled in. */
async function apiOperations(url: string): Promise<{ method: string; rest: string }[]> {
  const document = (await (await fetch(`${url}/api/docs/json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const operations: { method: string; rest: string }[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    const rest = path.slice('/api/'.length).replace(/\{[^}]+\}/g, 'x');
    for (const method of Object.keys(methods)) operations.push({ method: method.toUpperCase(), rest });
  }
  return operations;
}

describe('the API key cannot be bypassed by how the path is spelled', () => {
  const context = serverWithSink({ shared: true });

  it('never answers 2xx to any spelling of any /api operation without a valid admin key', async () => {
    const base = new URL(context.server.url);
    const operations = await apiOperations(context.server.url);
    // The document lists every management operation; a short list would make this test hollow.
    expect(operations.length).toBeGreaterThanOrEqual(45);
    const created = await context.server.api('POST', '/api/api-keys', { name: 'sender', scope: 'ingest' });
    expect(created.status).toBe(201);
    const keys = { none: undefined, wrong: 'wrong-key-0123456789abcdef', ingest: created.body.key as string };

    const opened: string[] = [];
    for (const { method, rest } of operations) {
      for (const path of spellings(rest)) {
        for (const [holder, key] of Object.entries(keys)) {
          if (holder === 'ingest' && method === 'POST' && rest === 'events') continue;
          const status = await rawStatus(base, { method, path, key });
          if (status >= 200 && status < 300) opened.push(`${method} ${path} (${holder} key): ${status}`);
        }
      }
    }
    expect(opened).toEqual([]);
  });

  it('still opens the API to the admin key and events to the ingest key', async () => {
    const base = new URL(context.server.url);
    expect(await rawStatus(base, { method: 'GET', path: '/api/scenarios', key: TEST_API_KEY })).toBe(200);
    const created = await context.server.api('POST', '/api/api-keys', { name: 'events', scope: 'ingest' });
    const status = await rawStatus(base, { method: 'POST', path: '/api/events', key: created.body.key });
    // An empty event is refused for what it is, not for the key.
    expect(status).toBe(400);
    expect(await rawStatus(base, { method: 'GET', path: '/api/scenarios', key: created.body.key })).toBe(403);
  });

  it('keeps the docs, /health and launch hooks open without a key', async () => {
    const base = new URL(context.server.url);
    expect(await rawStatus(base, { method: 'GET', path: '/api/docs/json' })).toBe(200);
    expect(await rawStatus(base, { method: 'GET', path: '/health' })).toBe(200);
    // An unknown token is a 404 from the hook route itself, not a 401.
    expect(await rawStatus(base, { method: 'GET', path: '/hooks/not-a-token' })).toBe(404);
  });
});

describe('a route under /api declared outside the guarded plugin', () => {
  it('stops the server from starting, naming the route', async () => {
    const { default: Fastify } = await import('fastify');
    const { registerApi } = await import('../../server/http/api-key-auth.ts');
    const app = Fastify();
    const apiKeys = { authenticate: async () => null } as never;
    await registerApi(app, { adminKey: 'a'.repeat(16), ingestKey: 'b'.repeat(16), apiKeys, routes: [] });
    app.get('/api/forgotten', async () => ({ open: true }));
    await expect(app.ready()).rejects.toThrow(
      'routes under /api but not behind the API key: GET /api/forgotten',
    );
  });
});
