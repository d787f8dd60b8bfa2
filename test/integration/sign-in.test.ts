import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/server.ts';
import {
  makeDataDir,
  removeDataDir,
  startTestServer,
  TEST_API_KEY,
  testConfig,
  testLogger,
} from './helpers/test-server.ts';

const get = (url: string, key?: string) =>
  fetch(url, key ? { headers: { authorization: `Bearer ${key}` } } : {}).then(async (response) => ({
    status: response.status,
    text: await response.text(),
  }));

describe('sign-in: where the key comes from, and whose key it is', () => {
  const servers: RunningServer[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    for (const dir of dirs.splice(0)) removeDataDir(dir);
  });

  it('answers GET /sign-in without a key with the source only, never the key', async () => {
    dirs.push(makeDataDir(), makeDataDir());
    const fromEnv = await startTestServer(dirs[0]!);
    const fromFile = await startServer(
      { ...testConfig(dirs[1]!), apiKey: undefined },
      { logger: testLogger() },
    );
    servers.push(fromEnv, fromFile);
    const env = await get(`${fromEnv.url}/sign-in`);
    expect(env.status).toBe(200);
    expect(JSON.parse(env.text)).toEqual({ apiKeySource: 'environment' });
    expect(env.text).not.toContain(TEST_API_KEY);
    const file = await get(`${fromFile.url}/sign-in`);
    const generated = readFileSync(join(dirs[1]!, 'api-key'), 'utf8').trim();
    expect(JSON.parse(file.text)).toEqual({ apiKeySource: 'data-folder' });
    expect(file.text).not.toContain(generated);
  });

  it('GET /api/session names the key holder, refuses a wrong key (401) and an events-only key (403)', async () => {
    dirs.push(makeDataDir());
    const server = await startTestServer(dirs[0]!);
    servers.push(server);
    expect(JSON.parse((await get(`${server.url}/api/session`, TEST_API_KEY)).text)).toEqual({
      name: 'admin key',
      scope: 'admin',
    });
    const wrong = await get(`${server.url}/api/session`, 'wrong-key-0123456789');
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text).error.code).toBe('unauthorized');
    const ingest = await server.api('POST', '/api/api-keys', { name: 'Shop', scope: 'ingest' });
    const refused = await get(`${server.url}/api/session`, ingest.body.key);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).error.message).toContain('may only send events');
  });
});
