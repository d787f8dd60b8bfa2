import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { permissionFlags } from '../../server/permission-flags.ts';
import { HttpSink } from './helpers/http-sink.ts';
import { triggerToWebhook } from './helpers/scenarios.ts';
import { apiClient, makeDataDir, removeDataDir, TEST_API_KEY } from './helpers/test-server.ts';

const START = fileURLToPath(new URL('../../server/start.ts', import.meta.url));
const TS_FLAGS = ['--disable-warning=ExperimentalWarning', '--experimental-strip-types'];

/** Starts the server as `npm start` does (after the build); resolves once it prints its URL. */
function startLikeNpm(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [...TS_FLAGS, START], {
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      HOOKFLOW_API_KEY: TEST_API_KEY,
      HOOKFLOW_EGRESS_ALLOW: '127.0.0.1',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 20 s:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += String(chunk);
      const match = /editor (http:\/\/[\d.:]+)\//.exec(output);
      if (match && output.includes('Data folder')) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

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
      const { child, url, output } = await startLikeNpm(dataDir);
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
