import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import { seedCustomers } from './helpers/fan-out-fixtures.ts';
import { type ServerProcess, startServerProcess } from './helpers/server-process.ts';
import { activeScenario, apiClient, sinkAndDataDir } from './helpers/test-server.ts';
import { activeHook, callHook } from './launch-hook/launch-hook-helpers.ts';

// Fan-outs, schedule firings, debounced launches and launch-hook rate limits with two real
// processes on one data folder. Before, a fan-out whose process died waited for a restart of
// that process, and each process kept its own rate limit per hook.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value, for at most `ms`; says what it waited for when it gives up. */
async function within<T>(ms: number, what: string, check: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found !== null && found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(50);
  }
}

describe('two processes on one data folder', () => {
  const context = sinkAndDataDir();
  const processes: ServerProcess[] = [];
  const databases: DatabaseSync[] = [];
  afterEach(async () => {
    for (const db of databases.splice(0)) db.close();
    for (const started of processes.splice(0)) {
      started.child.kill('SIGKILL');
      await started.exited;
    }
  });

  async function start(count: number, env: Record<string, string> = {}): Promise<ServerProcess[]> {
    const started = await Promise.all(
      Array.from({ length: count }, () => startServerProcess(context.dataDir, env)),
    );
    processes.push(...started);
    return started;
  }

  /** The data folder's database, read as an operator would with the sqlite3 shell. */
  function database(): DatabaseSync {
    const db = new DatabaseSync(join(context.dataDir, 'hookflow.db'), { readOnly: true, timeout: 5000 });
    databases.push(db);
    return db;
  }

  it('finish a fan-out whose process was killed mid-way, each customer once, within seconds', async () => {
    const CUSTOMERS = 20_000;
    const seeding = new SqliteStore(join(context.dataDir, 'hookflow.db'));
    await seedCustomers(seeding, CUSTOMERS, () => ({ plan: 'pro' }));
    await seeding.close();
    const [first, second] = await start(2);
    const api = apiClient(first!.url);
    const scenarioId = await activeScenario(
      { api },
      {
        nodes: [
          { id: 'launch', type: 'trigger.hook', config: { delaySeconds: 0 } },
          { id: 'pause', type: 'wait', config: { mode: 'duration', seconds: 3600 } },
        ],
        edges: [edge('launch', 'pause')],
      },
    );
    const { body } = await api('GET', `/api/scenarios/${scenarioId}/hooks`);
    expect((await callHook(body.hooks[0].url, { fields: 'plan', values: 'pro' })).status).toBe(200);

    // Whichever process fired the launch pages through the fan-out: kill it after its first page.
    const db = database();
    const owner = await within(
      10_000,
      'a fan-out under way',
      async () =>
        db
          .prepare(
            `SELECT f.id, p.pid FROM fan_outs f JOIN processes p ON p.id = f.owner
           WHERE f.status = 'running' AND f.started > 0`,
          )
          .get() as { id: string; pid: number } | undefined,
    );
    const doomed = processes.find((started) => started.child.pid === owner.pid)!;
    const survivor = processes.find((started) => started !== doomed)!;
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const killedAt = (await apiClient(survivor.url)('GET', `/api/fan-outs/${owner.id}`)).body;
    expect(killedAt.status).toBe('running');

    // Taken over once the dead process's heartbeat is 5 s old, and finished.
    const done = await within(30_000, 'the survivor finishing the fan-out', async () => {
      const record = (await apiClient(survivor.url)('GET', `/api/fan-outs/${owner.id}`)).body;
      return record.status === 'running' ? null : record;
    });
    expect(done).toMatchObject({ status: 'done', started: CUSTOMERS });
    const runs = db
      .prepare('SELECT count(*) AS runs, count(DISTINCT customer_id) AS customers FROM runs')
      .get();
    expect(runs).toEqual({ runs: CUSTOMERS, customers: CUSTOMERS });
    void second;
  }, 90_000);

  it('send the batch a killed process had queued, from the other process, within seconds', async () => {
    const [doomed, survivor] = await start(2);
    const api = apiClient(doomed!.url);
    await activeScenario(
      { api },
      {
        nodes: [
          triggerNode('start', 'go'),
          webhookNode('bulk', context.sink.url, {
            body: '{"batch": [{% output customers separated by "," %}]}',
            batch: { customerTemplate: '{{ customer.id | tojson }}', size: 100, windowMs: 2000 },
          }),
        ],
        edges: [edge('start', 'bulk')],
      },
    );
    const ids = ['c-1', 'c-2', 'c-3'];
    const sent = await api(
      'POST',
      '/api/events',
      ids.map((id) => ({ customer_id: id, type: 'go' })),
    );
    expect(sent.status).toBe(202);
    // Killed inside the batch window: its three customers wait in the store, in its name.
    doomed!.child.kill('SIGKILL');
    await doomed!.exited;
    const [request] = await context.sink.waitFor(1, 15_000);
    expect(JSON.parse(request!.body)).toEqual({ batch: ids });
    await sleep(1000);
    expect(context.sink.received).toHaveLength(1);
    void survivor;
  }, 60_000);

  it('fire a cron schedule once per firing time, not once per process', async () => {
    const [first, second] = await start(2);
    const api = apiClient(first!.url);
    await api('PUT', '/api/customers/c-1', { plan: 'pro' });
    const scenarioId = await activeScenario(
      { api },
      {
        nodes: [
          {
            id: 'when',
            type: 'trigger.schedule',
            config: {
              schedule: { mode: 'cron', cron: '*/2 * * * * *', timezone: 'UTC' },
              audience: {
                rules: [{ field: 'customer.plan', criteria: 'equals', value: 'pro', join: 'and' }],
              },
            },
          },
          webhookNode('hook', context.sink.url, { body: '{"id":"{{ customer.id }}"}' }),
        ],
        edges: [edge('when', 'hook')],
      },
    );
    await sleep(7000);
    expect((await apiClient(second!.url)('POST', `/api/scenarios/${scenarioId}/deactivate`)).status).toBe(
      200,
    );
    await sleep(1000);
    const fanOuts: { createdAt: string }[] = (await api('GET', `/api/scenarios/${scenarioId}/fan-outs`)).body
      .items;
    // Every 2 s for 7 s: three or four firings, each in its own 2-second slot.
    expect(fanOuts.length).toBeGreaterThanOrEqual(3);
    const slots = fanOuts.map((fanOut) => Math.floor(Date.parse(fanOut.createdAt) / 2000));
    expect(new Set(slots).size).toBe(fanOuts.length);
    expect(context.sink.received).toHaveLength(fanOuts.length);
  }, 60_000);

  it('launch a debounced hook once when its calls are spread over both processes', async () => {
    const [first, second] = await start(2);
    const api = apiClient(first!.url);
    await api('PUT', '/api/customers/c-1', { favorite_color: 'red' });
    const { scenarioId, url } = await activeHook({ api }, context.sink.url, { delaySeconds: 2 });
    const path = new URL(url).pathname;
    const answers = [];
    for (const server of [first, second, first, second]) {
      answers.push(
        (await callHook(`${server!.url}${path}`, { fields: 'favorite_color', values: 'red' })).status,
      );
      await sleep(200);
    }
    expect(answers).toEqual([200, 200, 200, 200]);
    await context.sink.waitFor(1, 10_000);
    await sleep(2500);
    expect(context.sink.received).toHaveLength(1);
    expect((await api('GET', `/api/scenarios/${scenarioId}/fan-outs`)).body.items).toHaveLength(1);
  }, 60_000);

  it("hold a launch hook's rate limit across both processes", async () => {
    const [first, second] = await start(2, { HOOKFLOW_HOOK_RATE: '0.01', HOOKFLOW_HOOK_BURST: '4' });
    const api = apiClient(first!.url);
    const { url } = await activeHook({ api }, context.sink.url, { delaySeconds: 5 });
    const path = new URL(url).pathname;
    const answers = [];
    for (let n = 0; n < 8; n += 1) {
      const server = n % 2 === 0 ? first : second;
      answers.push(await callHook(`${server!.url}${path}`, { fields: 'favorite_color', values: 'red' }));
    }
    // The burst of 4 is spent by both processes together; then each answers 429 with Retry-After.
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
    expect(answers[7]!.headers.get('retry-after')).toBe('100');
    expect(answers[7]!.body).toMatchObject({ error: { code: 'rate_limited' } });
  }, 60_000);
});
