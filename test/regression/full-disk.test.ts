import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSink } from '../integration/helpers/http-sink.ts';
import { triggerToWebhook, waitThenWebhook } from '../integration/helpers/scenarios.ts';
import { TEST_API_KEY } from '../integration/helpers/test-server.ts';
import { refuseFirstAttempts, secondAttempts, until } from './helpers/full-store.ts';

const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The server as `npm start` runs it, its data folder on an 8 MiB tmpfs that the test fills up.
 * Before: with deliveries pending, claiming them threw "database or disk is full" in the
 * delivery worker's loop and the process exited with code 1. Needs root (to mount); skipped
 * otherwise, and `full-store-answers-507-and-recovers.test.ts` covers the same answers without it.
 */
describe('a server whose disk fills up', () => {
  const sink = new HttpSink();
  let dataDir = '';
  let unavailable = '';
  let child: ChildProcess | null = null;
  let output = '';

  beforeAll(async () => {
    await sink.start();
    dataDir = mkdtempSync(join(tmpdir(), 'hookflow-full-disk-'));
    if (process.getuid?.() !== 0) {
      unavailable = 'not running as root, so no tmpfs can be mounted to fill';
      return;
    }
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dataDir], { stdio: 'pipe' });
    } catch (error) {
      unavailable = `mounting a tmpfs failed: ${(error as Error).message}`;
    }
  });

  afterAll(async () => {
    if (child?.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    await sink.stop();
    if (!unavailable) execFileSync('umount', [dataDir]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stays up, answers 507 and 503 on /health while full, then sends everything it accepted and recovers by itself', async (context) => {
    if (unavailable) {
      console.warn(`full-disk test skipped: ${unavailable}`);
      context.skip(unavailable);
    }
    // Every webhook's first attempt answers 503 with Retry-After: deliveries stay pending in the store.
    refuseFirstAttempts(sink, 2);
    const url = await startChild();
    const api = client(url);
    await api.scenario(triggerToWebhook('order', sink.url));
    await api.scenario(waitThenWebhook(sink.url, 2));
    const accepted = new Set<string>();
    const post = async (type: string, ids: string[]) => {
      const answer = await api.events(
        ids.map((id) => ({ customer_id: id, type, properties: { note: 'x'.repeat(2000) } })),
      );
      if (answer.status === 202) for (const id of ids) accepted.add(id);
      return answer;
    };
    expect((await post('order', range('o', 0, 10))).status).toBe(202);
    expect((await post('signup', range('s', 0, 10))).status).toBe(202);
    await until(() => sink.received.length >= 10, 10_000);

    const filler = fill(join(dataDir, 'filler'));
    let full: Awaited<ReturnType<typeof post>> | null = null;
    for (let n = 10; n < 10_000 && !full; n += 50) {
      const answer = await post('order', range('o', n, 50));
      if (answer.status !== 202) full = answer;
    }
    expect(full?.status).toBe(507);
    expect(full?.retryAfter).toBe('30');
    expect(full?.body.error.message).toMatch(/^storage is full \(database or disk is full\)/);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'failing', code: 'storage_full' });

    // The pending retries and the waits come due while the disk is full.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(child!.exitCode).toBeNull();

    rmSync(filler);
    await until(() => [...accepted].every((id) => secondAttempts(sink).has(id)), 60_000);
    await until(async () => (await fetch(`${url}/health`)).status === 200, 10_000);
    expect((await post('order', ['after'])).status).toBe(202);
    expect(child!.exitCode).toBeNull();

    child!.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
    expect(output).toContain('database or disk is full');
    expect(output).not.toContain('cannot rollback');
    const failures = countByLoop(output, 'failed; retrying until it works');
    expect(Object.keys(failures).length).toBeGreaterThan(0);
    // Retried every 200 ms to 5 s for seconds, yet each loop logged its cause at most twice (the
    // disk can free a little space by itself, when SQLite truncates its WAL, and fill again).
    for (const count of Object.values(failures)) expect(count).toBeLessThanOrEqual(2);
    expect(Object.keys(countByLoop(output, 'recovered')).length).toBeGreaterThan(0);
  }, 120_000);

  async function startChild(): Promise<string> {
    child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--experimental-strip-types', 'server/main.ts'],
      {
        cwd: ROOT_DIR,
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          HOOKFLOW_API_KEY: TEST_API_KEY,
          HOOKFLOW_EGRESS_ALLOW: '127.0.0.1',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(
      () => /Hookflow is running: editor (http:\/\/[^/\s]+)\//.test(output) || child!.exitCode !== null,
      20_000,
    );
    const match = /Hookflow is running: editor (http:\/\/[^/\s]+)\//.exec(output);
    if (!match) throw new Error(`the server did not start: ${output}`);
    return match[1]!;
  }
});

function client(url: string) {
  const call = async (path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? '{}' : JSON.stringify(body),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: await response.json(),
    };
  };
  return {
    async scenario(definition: unknown) {
      const created = await call('/api/scenarios', { name: 'full disk', definition });
      const activated = await call(`/api/scenarios/${created.body.id}/activate`);
      if (activated.status !== 200) throw new Error(`activation failed: ${JSON.stringify(activated.body)}`);
    },
    events: (events: unknown[]) => call('/api/events', events),
  };
}

/** Writes to `file` until the file system refuses another 4 KiB; returns the file. */
function fill(file: string): string {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1024 * 1024, 64 * 1024, 4096]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

const range = (prefix: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${from + i}`);

/** How many log lines each background loop wrote whose message ends with `suffix`. */
function countByLoop(log: string, suffix: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { loop?: string; msg?: string };
    if (entry.loop && entry.msg?.endsWith(suffix)) counts[entry.loop] = (counts[entry.loop] ?? 0) + 1;
  }
  return counts;
}
