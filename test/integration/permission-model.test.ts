import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { permissionFlags } from '../../server/permission-flags.ts';
import { HttpSink } from './helpers/http-sink.ts';
import { triggerToWebhook } from './helpers/scenarios.ts';
import { startServerProcess } from './helpers/server-process.ts';
import { apiClient, makeDataDir, removeDataDir } from './helpers/test-server.ts';

describe("the server under Node's permission model", () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) removeDataDir(dir);
  });

  it('starts as npm start does, says so, and runs an event through to a webhook', async () => {
    const dataDir = join(makeDataDir(), 'not-yet-there');
    dirs.push(join(dataDir, '..'));
    const sink = new HttpSink();
    await sink.start();
    try {
      const { child, url, output } = await startServerProcess(dataDir);
      children.push(child);
      expect(output()).toContain("Runs under Node's permission model");
      const api = apiClient(url);
      const created = await api('POST', '/api/scenarios', {
        name: 'guarded',
        definition: triggerToWebhook('go', sink.url),
      });
      expect((await api('POST', `/api/scenarios/${created.body.id}/activate`)).status).toBe(200);
      expect((await api('POST', '/api/events', { customer_id: 'c-1', type: 'go' })).status).toBe(202);
      await sink.waitFor(1);
      expect(existsSync(join(dataDir, 'hookflow.db'))).toBe(true);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await sink.stop();
    }
  });

  it('refuses writing outside the data folder and starting programs, and allows the data folder', () => {
    const dataDir = makeDataDir();
    const outside = makeDataDir();
    dirs.push(dataDir, outside);
    const probe = `
      const fs = process.getBuiltinModule('fs');
      const tryIt = (what) => { try { what(); return 'allowed'; } catch (error) { return error.code; } };
      console.log(JSON.stringify({
        inside: tryIt(() => fs.writeFileSync(${JSON.stringify(join(dataDir, 'x'))}, 'x')),
        outside: tryIt(() => fs.writeFileSync(${JSON.stringify(join(outside, 'x'))}, 'x')),
        program: tryIt(() => process.getBuiltinModule('child_process').execSync('true')),
        worker: tryIt(() => new (process.getBuiltinModule('worker_threads').Worker)('0', { eval: true })),
      }));`;
    const result = spawnSync(process.execPath, [...permissionFlags(dataDir), '-e', probe], {
      encoding: 'utf8',
    });
    expect(JSON.parse(result.stdout)).toEqual({
      inside: 'allowed',
      outside: 'ERR_ACCESS_DENIED',
      program: 'ERR_ACCESS_DENIED',
      worker: 'ERR_ACCESS_DENIED',
    });
    expect(existsSync(join(outside, 'x'))).toBe(false);
  });
});
