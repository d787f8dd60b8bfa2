/**
 * The same build with 1 and with 2 server processes (`HOOKFLOW_PROCESSES`) on this machine, each
 * started as `npm start` does (server/start.ts, under the permission model), on the embedded
 * store: event → webhook deliveries per second (the event benchmark's two modes) and batch
 * customers per second (a launch hook fans out to the stored customers, a batch webhook of 1000
 * sends them, every run completes). The load client and the sink share the machine in one child
 * process, as in the event benchmark. Rounds alternate (1, 2, 1, 2) so that a machine that slows
 * down part-way weighs on both.
 */
import { join } from 'node:path';
import { edge, triggerToWebhook, webhookNode } from '../integration/helpers/scenarios.ts';
import { startServerProcess } from '../integration/helpers/server-process.ts';
import { makeDataDir, removeDataDir } from '../integration/helpers/test-server.ts';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { benchCustomers, completed, CUSTOMER_TEMPLATE, ROOT_TEMPLATE } from './batch-delivery.bench.ts';
import { BENCH_KEY } from './bench-server.ts';
import { BenchSink } from './bench-sink.ts';
import { BATCHED, measure, SINGLE } from './event-delivery.bench.ts';
import { mean, round } from './stats.ts';

const ROUNDS = (process.env.BENCH_PROCESSES ?? '1,2,1,2').split(',').map(Number);
const CUSTOMERS = Number(process.env.BENCH_PROCESSES_CUSTOMERS ?? 20_000);

const hookToBatch = (sinkUrl: string) => ({
  nodes: [
    { id: 'launch', type: 'trigger.hook', config: { delaySeconds: 0 } },
    webhookNode('bulk', `${sinkUrl}/bulk`, {
      body: ROOT_TEMPLATE,
      batch: { customerTemplate: CUSTOMER_TEMPLATE, size: 1000, windowMs: 200 },
    }),
  ],
  edges: [edge('launch', 'bulk')],
});

/** A data folder whose store already holds the customers the launch hook fans out to. */
async function filledDataDir(): Promise<string> {
  const dataDir = makeDataDir();
  const store = new SqliteStore(join(dataDir, 'hookflow.db'), { synchronous: 'normal' });
  await store.commit({ customers: benchCustomers(CUSTOMERS), now: new Date().toISOString() });
  await store.close();
  return dataDir;
}

/** One round: a fresh data folder and server with `processes` processes, both figures. */
async function measureRound(sink: BenchSink, processes: number) {
  const dataDir = await filledDataDir();
  const server = await startServerProcess(dataDir, {
    HOOKFLOW_PROCESSES: String(processes),
    HOOKFLOW_API_KEY: BENCH_KEY,
    LOG_LEVEL: 'warn',
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${BENCH_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<any>;
  };
  const activate = async (name: string, definition: unknown) => {
    const { id } = await call('POST', '/api/scenarios', { name, definition });
    await call('POST', `/api/scenarios/${id}/activate`);
    return id as string;
  };
  try {
    await activate('events', triggerToWebhook('bench', sink.url));
    const batchScenario = await activate('batch', hookToBatch(sink.url));
    // An activation is in force in every process within 1 s.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const single = await measure(sink, server.url, SINGLE);
    const batched = await measure(sink, server.url, BATCHED);
    const { hooks } = await call('GET', `/api/scenarios/${batchScenario}/hooks`);
    await sink.reset();
    const started = performance.now();
    const launched = await fetch(hooks[0].url as string);
    if (launched.status !== 200) throw new Error(`launch hook answered ${launched.status}`);
    await completed(
      async () => (await call('GET', `/api/scenarios/${batchScenario}/stats`)).nodes.bulk?.succeeded ?? 0,
      CUSTOMERS,
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      processes,
      eventDeliveriesPerSecond: {
        [SINGLE.mode]: single.deliveriesPerSecond,
        [BATCHED.mode]: batched.deliveriesPerSecond,
      },
      batchCustomersPerSecond: round(CUSTOMERS / seconds),
    };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    removeDataDir(dataDir);
  }
}

type Round = Awaited<ReturnType<typeof measureRound>>;

export async function benchProcesses(): Promise<Record<string, unknown>> {
  const sink = await BenchSink.start();
  try {
    const rounds: Round[] = [];
    for (const processes of ROUNDS) rounds.push(await measureRound(sink, processes));
    const average = (processes: number, figure: (r: Round) => number) =>
      round(mean(rounds.filter((r) => r.processes === processes).map(figure)));
    const figures = {
      [SINGLE.mode]: (r: Round) => r.eventDeliveriesPerSecond[SINGLE.mode]!,
      [BATCHED.mode]: (r: Round) => r.eventDeliveriesPerSecond[BATCHED.mode]!,
      'batch customers': (r: Round) => r.batchCustomersPerSecond,
    };
    const means = Object.fromEntries(
      Object.entries(figures).map(([name, figure]) => [
        name,
        {
          one: average(1, figure),
          two: average(2, figure),
          ratio: round(average(2, figure) / average(1, figure), 2),
        },
      ]),
    );
    return { customers: CUSTOMERS, rounds, means };
  } finally {
    sink.stop();
  }
}
