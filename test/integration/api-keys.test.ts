import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { triggerNode } from './helpers/scenarios.ts';
import {
  makeDataDir,
  removeDataDir,
  serverWithSink,
  startTestServer,
  capturedLog,
} from './helpers/test-server.ts';

/** Calls the API with `key`; returns status and parsed JSON body. */
async function callWith(url: string, key: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${key}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text };
}

const event = { customer_id: 'c-1', type: 'nothing-listens' };
const simple = { nodes: [triggerNode('start', 'go')], edges: [] };

describe('named API keys', () => {
  const context = serverWithSink();

  it('shows a new key once, then lists it only by name and a short hint', async () => {
    const created = await context.server.api('POST', '/api/api-keys', { name: 'CRM sync' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'CRM sync', scope: 'admin', lastUsedAt: null });
    const key: string = created.body.key;
    // hk_ + 43 base64url characters = 256 random bits.
    expect(key).toMatch(/^hk_[\w-]{43}$/);
    expect(created.body.hint).toBe(`${key.slice(0, 7)}…`);

    const listed = await callWith(`${context.server.url}/api/api-keys`, key);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        id: created.body.id,
        name: 'CRM sync',
        scope: 'admin',
        hint: created.body.hint,
        createdAt: created.body.createdAt,
        lastUsedAt: expect.any(String),
      },
    ]);
    expect(listed.text).not.toContain(key);
    expect(readFileSync(join(context.dataDir, 'hookflow.db')).includes(key)).toBe(false);
  });

  it('opens the whole API with an admin key', async () => {
    const { body } = await context.server.api('POST', '/api/api-keys', { name: 'ops', scope: 'admin' });
    const url = context.server.url;
    expect((await callWith(`${url}/api/scenarios`, body.key)).status).toBe(200);
    const created = await callWith(`${url}/api/scenarios`, body.key, { method: 'POST', body: { name: 'x' } });
    expect(created.status).toBe(201);
    expect((await callWith(`${url}/api/events`, body.key, { method: 'POST', body: event })).status).toBe(202);
  });

  it('opens only event ingestion with an ingest key, and says why elsewhere', async () => {
    const { body } = await context.server.api('POST', '/api/api-keys', { name: 'Shop', scope: 'ingest' });
    const url = context.server.url;
    expect((await callWith(`${url}/api/events`, body.key, { method: 'POST', body: event })).status).toBe(202);
    for (const [method, path] of [
      ['GET', '/api/scenarios'],
      ['GET', '/api/api-keys'],
      ['POST', '/api/api-keys'],
      ['GET', '/api/runs'],
    ] as const) {
      const refused = await callWith(`${url}${path}`, body.key, {
        method,
        ...(method === 'POST' ? { body: { name: 'escalate' } } : {}),
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toEqual({
        code: 'forbidden',
        message: 'the ingest key "Shop" may only send events (POST /api/events): use an admin key',
      });
    }
    const { body: list } = await context.server.api('GET', '/api/api-keys');
    expect(list.items.map((item: { name: string }) => item.name)).toEqual(['Shop']);
  });

  it('refuses a revoked key at once, and an unknown one, with 401', async () => {
    const { body } = await context.server.api('POST', '/api/api-keys', { name: 'temp' });
    const url = `${context.server.url}/api/scenarios`;
    expect((await callWith(url, body.key)).status).toBe(200);
    expect((await context.server.api('DELETE', `/api/api-keys/${body.id}`)).status).toBe(204);
    const refused = await callWith(url, body.key);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toEqual({
      code: 'unauthorized',
      message: 'missing or wrong API key: send "Authorization: Bearer <key>"',
    });
    expect((await callWith(url, `${body.key.slice(0, -1)}x`)).status).toBe(401);
    const again = await context.server.api('DELETE', `/api/api-keys/${body.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.message).toBe(`API key "${body.id}" does not exist`);
  });

  it('refuses a key without a name', async () => {
    const refused = await context.server.api('POST', '/api/api-keys', { name: '  ', scope: 'admin' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error)).toContain('name is required');
    const badScope = await context.server.api('POST', '/api/api-keys', { name: 'x', scope: 'root' });
    expect(badScope.status).toBe(400);
  });

  it('keeps the configured admin and ingest keys working', async () => {
    const url = context.server.url;
    expect((await context.server.api('GET', '/api/api-keys')).status).toBe(200);
    const ingest = context.server.ingestKey;
    expect((await callWith(`${url}/api/events`, ingest, { method: 'POST', body: event })).status).toBe(202);
    expect((await callWith(`${url}/api/scenarios`, ingest)).status).toBe(403);
  });
});

describe('when a key was last used', () => {
  it('is written at most once a minute per key', async () => {
    let now = Date.parse('2030-01-01T00:00:00.000Z');
    const dataDir = makeDataDir();
    const server = await startTestServer(dataDir, { clock: { now: () => now } });
    try {
      const { body } = await server.api('POST', '/api/api-keys', { name: 'busy' });
      const lastUsed = async () => (await server.api('GET', '/api/api-keys')).body.items[0].lastUsedAt;
      await callWith(`${server.url}/api/scenarios`, body.key);
      expect(await lastUsed()).toBe('2030-01-01T00:00:00.000Z');
      now += 59_000;
      await callWith(`${server.url}/api/scenarios`, body.key);
      expect(await lastUsed()).toBe('2030-01-01T00:00:00.000Z');
      now += 1_000;
      await callWith(`${server.url}/api/scenarios`, body.key);
      expect(await lastUsed()).toBe('2030-01-01T00:01:00.000Z');
    } finally {
      await server.close();
      removeDataDir(dataDir);
    }
  });
});

describe('who changed a scenario', () => {
  const context = serverWithSink();

  it('records the key name of each activation and of the last draft save', async () => {
    const { server } = context;
    const { body: marketing } = await server.api('POST', '/api/api-keys', { name: 'Marketing' });
    const as = (key: string, method: string, path: string, body?: unknown) =>
      callWith(`${server.url}${path}`, key, { method, body });
    const created = await as(marketing.key, 'POST', '/api/scenarios', {
      name: 'Welcome',
      definition: simple,
    });
    expect(created.body.updatedBy).toBe('Marketing');
    const id = created.body.id;
    expect((await as(marketing.key, 'POST', `/api/scenarios/${id}/activate`)).status).toBe(200);
    // A draft that runs differently, so publishing it makes version 2.
    const edited = await server.api('PATCH', `/api/scenarios/${id}`, {
      definition: { nodes: [triggerNode('start', 'went')], edges: [] },
    });
    expect(edited.body.updatedBy).toBe('admin key');
    expect((await server.api('POST', `/api/scenarios/${id}/activate`)).status).toBe(200);

    const versions = await server.api('GET', `/api/scenarios/${id}/versions`);
    expect(versions.body.items.map((v: any) => [v.version, v.author])).toEqual([
      [2, 'admin key'],
      [1, 'Marketing'],
    ]);
    expect((await server.api('GET', `/api/scenarios/${id}/versions/1`)).body.author).toBe('Marketing');
    // A revoked key's name stays on what it changed.
    await server.api('DELETE', `/api/api-keys/${marketing.id}`);
    expect((await server.api('GET', `/api/scenarios/${id}/versions/1`)).body.author).toBe('Marketing');
  });
});

describe('API keys and logs', () => {
  it('never writes a key to the log, even at trace level and on refusals', async () => {
    const log = capturedLog();
    const dataDir = makeDataDir();
    const server = await startTestServer(dataDir, { logger: log.logger });
    try {
      const admin = await server.api('POST', '/api/api-keys', { name: 'admin one' });
      const ingest = await server.api('POST', '/api/api-keys', { name: 'ingest one', scope: 'ingest' });
      const keys: string[] = [admin.body.key, ingest.body.key];
      await callWith(`${server.url}/api/scenarios`, admin.body.key);
      await callWith(`${server.url}/api/scenarios`, ingest.body.key);
      await callWith(`${server.url}/api/events`, ingest.body.key, { method: 'POST', body: event });
      await callWith(`${server.url}/api/events`, ingest.body.key, { method: 'POST', body: { bad: true } });
      await server.api('DELETE', `/api/api-keys/${admin.body.id}`);
      await callWith(`${server.url}/api/scenarios`, admin.body.key);
      expect(log.text().length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(log.text()).not.toContain(key);
        expect(log.text()).not.toContain(key.slice(7));
      }
    } finally {
      await server.close();
      removeDataDir(dataDir);
    }
  });
});
