import { spawnSync } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceivedRequest } from './helpers/http-sink.ts';
import { scrape, sampleValue } from './helpers/prometheus-text.ts';
import { triggerToWebhook } from './helpers/scenarios.ts';
import { type ServerProcess, startServerProcess } from './helpers/server-process.ts';
import { apiClient, sinkAndDataDir } from './helpers/test-server.ts';

const START = fileURLToPath(new URL('../../server/start.ts', import.meta.url));

/** Posts events with ids as a sending system does: a request cut off by a dying process is sent again. */
async function sendEvents(url: string, events: { id: string; customer_id: string; type: string }[]) {
  const api = apiClient(url);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const sent = await api('POST', '/api/events', events);
      if (sent.status === 202) return;
      throw new Error(`events answered ${sent.status}: ${JSON.stringify(sent.body)}`);
    } catch (error) {
      if (attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const events = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `evt-${from + i}`,
    customer_id: `c${from + i}`,
    type: 'signup',
  }));

/** The pids of the processes in the store's heartbeat table, and the one leasing a delivery. */
function processesOf(dataDir: string) {
  const db = new DatabaseSync(join(dataDir, 'hookflow.db'), { readOnly: true });
  try {
    const pids = (db.prepare('SELECT pid FROM processes').all() as { pid: number }[]).map((row) => row.pid);
    const sending = db
      .prepare(`SELECT p.pid FROM deliveries d JOIN processes p ON p.id = d.owner WHERE d.status = 'sending'`)
      .all() as { pid: number }[];
    return { pids, sendingPids: sending.map((row) => row.pid) };
  } finally {
    db.close();
  }
}

/**
 * GET /health on a connection of its own: answered, reset (its server died), or left open with
 * no answer for 10 s, which no client should ever see.
 */
function healthOnNewConnection(url: string): Promise<'answered' | 'reset' | 'unanswered'> {
  return new Promise((resolve) => {
    const request = httpGet(`${url}/health`, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve('answered'));
      response.on('error', () => resolve('reset'));
    });
    request.setTimeout(10_000, () => {
      resolve('unanswered');
      request.destroy();
    });
    request.on('error', () => resolve('reset'));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('HOOKFLOW_PROCESSES: several server processes behind one port', () => {
  const context = sinkAndDataDir();
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('share the port, deliver every accepted event, survive a kill -9 of one and stop cleanly on SIGTERM to all', async () => {
    const { sink, dataDir } = context;
    // The first request is held open, as a slow receiver would: it is in flight when the kill comes.
    let release = () => {};
    const hold = new Promise<void>((resolve) => (release = resolve));
    cleanup.push(() => release());
    let held = false;
    sink.respond = () => {
      if (held) return { status: 200, body: '{}' };
      held = true;
      return { status: 200, body: '{}', after: hold };
    };
    const server: ServerProcess = await startServerProcess(dataDir, {
      HOOKFLOW_PROCESSES: '3',
      LOG_LEVEL: 'error',
    });
    cleanup.push(() => server.child.kill('SIGKILL'));
    expect(server.output()).toContain('3 server processes share the port (HOOKFLOW_PROCESSES)');
    expect(server.output().match(/Hookflow is running/g)).toHaveLength(1);
    const api = apiClient(server.url);
    const created = await api('POST', '/api/scenarios', {
      name: 'welcome',
      definition: triggerToWebhook('signup', sink.url),
    });
    expect((await api('POST', `/api/scenarios/${created.body.id}/activate`)).status).toBe(200);
    // An activation is in force in every process within 1 s (change stamps, polled every 250 ms).
    await new Promise((resolve) => setTimeout(resolve, 1000));

    await sendEvents(server.url, events(0, 1));
    await sink.waitFor(1, 10_000);
    const { pids, sendingPids } = processesOf(dataDir);
    expect(new Set(pids).size).toBe(3);
    expect(pids).not.toContain(server.child.pid);
    const [victim] = sendingPids;
    expect(pids).toContain(victim);
    for (let from = 1; from < 61; from += 10) await sendEvents(server.url, events(from, 10));
    // Collected once before the kill: the victim's counts stay in the cluster's sums.
    const before = await scrape(server.url);
    expect(sampleValue(before, 'hookflow_processes_live')).toBe(3);

    process.kill(victim!, 'SIGKILL');
    for (let from = 61; from < 101; from += 10) await sendEvents(server.url, events(from, 10));

    // Every accepted event reached the sink; a second request only with the same webhook-id.
    await expect
      .poll(() => new Set(sink.received.map(customerOf)).size, { timeout: 30_000, interval: 200 })
      .toBe(101);
    // The victim's request in flight is sent again by another process once its heartbeat stops.
    await expect
      .poll(() => sink.received.filter((request) => customerOf(request) === 'c0').length, {
        timeout: 15_000,
        interval: 200,
      })
      .toBe(2);
    const idsByCustomer = new Map<string, Set<string>>();
    for (const request of sink.received) {
      const ids = idsByCustomer.get(customerOf(request)) ?? new Set();
      ids.add(String(request.headers['webhook-id']));
      idsByCustomer.set(customerOf(request), ids);
    }
    expect([...idsByCustomer.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(idsByCustomer.get('c0')).toEqual(new Set([sink.received[0]!.headers['webhook-id']]));

    // The primary started another process in the victim's place.
    await expect
      .poll(() => processesOf(dataDir).pids.filter(alive).length, { timeout: 30_000, interval: 200 })
      .toBe(3);
    expect(processesOf(dataDir).pids.filter(alive)).not.toContain(victim);
    expect(server.output()).toContain('server process exited; starting another in its place');
    expect(server.output()).toContain('"signal":"SIGKILL"');

    const after = await scrape(server.url);
    expect(sampleValue(after, 'hookflow_lease_takeovers_total', { work: 'delivery' })).toBeGreaterThanOrEqual(
      1,
    );
    const delivered = (samples: typeof after) =>
      sampleValue(samples, 'hookflow_delivery_attempts_total', { outcome: 'delivered' });
    expect(delivered(after)).toBeGreaterThanOrEqual(delivered(before));
    expect(delivered(after)).toBeGreaterThan(0);
    expect(sampleValue(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sampleValue(after, 'hookflow_deliveries_pending')).toBe(0);

    // SIGTERM to every process of the service at once, as systemd sends it: each server gets it
    // twice (from systemd and from the primary) and still stops cleanly.
    const workers = processesOf(dataDir).pids.filter(alive);
    server.child.kill('SIGTERM');
    for (const pid of workers) process.kill(pid, 'SIGTERM');
    expect(await server.exited).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
    // Each stopped cleanly: its heartbeat row is gone and it holds nothing. Only the killed one's
    // row is left, for the others to see it died (rows of long-dead processes are pruned).
    expect(processesOf(dataDir)).toEqual({ pids: [victim], sendingPids: [] });
  }, 120_000);

  it('answers or resets every connection while servers are killed, leaving none open unanswered', async () => {
    const { dataDir } = context;
    const server = await startServerProcess(dataDir, { HOOKFLOW_PROCESSES: '2', LOG_LEVEL: 'error' });
    cleanup.push(() => server.child.kill('SIGKILL'));
    const outcomes = { answered: 0, reset: 0, unanswered: 0 };
    let running = true;
    // Clients that open a connection per request, as load balancers' health checks do.
    const client = async () => {
      while (running) outcomes[await healthOnNewConnection(server.url)] += 1;
    };
    const clients = Array.from({ length: 16 }, client);
    for (let kill = 0; kill < 3; kill += 1) {
      await new Promise((resolve) => setTimeout(resolve, 700));
      const live = processesOf(dataDir).pids.filter(alive);
      process.kill(live[kill % live.length]!, 'SIGKILL');
      // The primary starts another after 1 s; wait until two are live again.
      const deadline = Date.now() + 30_000;
      while (processesOf(dataDir).pids.filter(alive).length < 2 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    running = false;
    await Promise.all(clients);
    expect(outcomes.unanswered).toBe(0);
    expect(outcomes.answered).toBeGreaterThan(100);
  }, 120_000);

  it('stops start-up naming HOOKFLOW_PROCESSES when it is not a number of processes', () => {
    const result = spawnSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--experimental-strip-types', START],
      { env: { ...process.env, HOOKFLOW_PROCESSES: 'lots', DATA_DIR: context.dataDir }, encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'Hookflow could not start: invalid configuration: HOOKFLOW_PROCESSES: HOOKFLOW_PROCESSES must be a whole number of processes from 1 to 256, or auto (one per core)',
    );
  });

  it('stops start-up with the reason when its processes cannot start, leaving none behind', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => taken.close(resolve)));
    const port = String((taken.address() as AddressInfo).port);
    const failed = startServerProcess(context.dataDir, { HOOKFLOW_PROCESSES: '2', PORT: port });
    const error = await failed.then(
      () => null,
      (reason: Error) => reason,
    );
    expect(error?.message).toMatch(/^exited with 1:/);
    expect(error?.message).toContain('EADDRINUSE');
    expect(error?.message).toMatch(
      /Hookflow could not start: server process \d+ exited with code 1 before it was ready/,
    );
    expect(processesOf(context.dataDir).pids.filter(alive)).toEqual([]);
  }, 90_000);
});

function customerOf(request: ReceivedRequest): string {
  return (JSON.parse(request.body) as { customer: string }).customer;
}
