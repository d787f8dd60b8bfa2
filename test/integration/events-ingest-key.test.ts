import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';
import {
  TEST_API_KEY,
  makeDataDir,
  removeDataDir,
  startTestServer,
  serverWithSink,
} from './helpers/test-server.ts';

const call = (url: string, key: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${key}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  }).then((response) => response.status);

const event = { customer_id: 'sender-1', type: 'nothing-listens' };

describe('the events ingestion key', () => {
  const context = serverWithSink({ shared: true });

  it('is generated into the data folder when unset, apart from the management key', () => {
    const file = join(context.dataDir, 'ingest-key');
    expect(readFileSync(file, 'utf8').trim()).toBe(context.server.ingestKey);
    expect(context.server.ingestKey).toMatch(/^hfi_[\w-]{32}$/);
    expect(context.server.ingestKey).not.toBe(TEST_API_KEY);
  });

  it('posts events, as the management key still does', async () => {
    expect(
      await call(`${context.server.url}/api/events`, context.server.ingestKey, {
        method: 'POST',
        body: event,
      }),
    ).toBe(202);
    expect(
      await call(`${context.server.url}/api/events?via=query`, context.server.ingestKey, {
        method: 'POST',
        body: [event],
      }),
    ).toBe(202);
    expect(
      await call(`${context.server.url}/api/events`, TEST_API_KEY, { method: 'POST', body: event }),
    ).toBe(202);
    expect(
      await call(`${context.server.url}/api/events`, 'wrong-key-0123456789', { method: 'POST', body: event }),
    ).toBe(401);
  });

  it('opens nothing but event ingestion, and is refused with 403 elsewhere', async () => {
    const key = context.server.ingestKey;
    expect(await call(`${context.server.url}/api/runs`, key)).toBe(403);
    expect(await call(`${context.server.url}/api/customers/sender-1`, key)).toBe(403);
    expect(
      await call(`${context.server.url}/api/customers/sender-1`, key, { method: 'PUT', body: { a: 1 } }),
    ).toBe(403);
    expect(
      await call(`${context.server.url}/api/scenarios`, key, { method: 'POST', body: { name: 'x' } }),
    ).toBe(403);
    expect(await call(`${context.server.url}/api/api-keys`, key)).toBe(403);
  });

  it('stays the same across a restart', async () => {
    const key = context.server.ingestKey;
    await context.server.close();
    context.server = await startTestServer(context.dataDir);
    expect(context.server.ingestKey).toBe(key);
    expect(await call(`${context.server.url}/api/events`, key, { method: 'POST', body: event })).toBe(202);
  });

  it('comes from HOOKFLOW_INGEST_KEY when set, and no file is written', async () => {
    const dir = makeDataDir();
    const config = readConfig({
      PORT: '0',
      DATA_DIR: dir,
      HOOKFLOW_API_KEY: TEST_API_KEY,
      HOOKFLOW_INGEST_KEY: 'ingest-from-env-0123456789',
      LOG_LEVEL: 'silent',
    });
    const fromEnv = await startServer(config, { logger: pino({ level: 'silent' }) });
    try {
      expect(fromEnv.ingestKey).toBe('ingest-from-env-0123456789');
      expect(existsSync(join(dir, 'ingest-key'))).toBe(false);
      const url = `${fromEnv.url}/api/events`;
      expect(await call(url, 'ingest-from-env-0123456789', { method: 'POST', body: event })).toBe(202);
    } finally {
      await fromEnv.close();
      removeDataDir(dir);
    }
  });

  it('refuses a configured key shorter than 16 characters', () => {
    expect(() => readConfig({ HOOKFLOW_INGEST_KEY: 'short' })).toThrow(
      /HOOKFLOW_INGEST_KEY must be at least 16/,
    );
  });
});
