/**
 * Fan-out of a scheduled trigger to large audiences on the embedded store: the customers are
 * inserted straight into the store first, then the running server starts one run per matching
 * customer, page by page (the server's `FanOutService`), and we time it to the last saved page. The scenario
 * is schedule → end, so every run starts and completes within its page's transaction (one run
 * row and three history steps each): this measures the fan-out itself, not webhook sending,
 * which `event-delivery` measures. Peak RSS is sampled during the fan-out.
 *
 * `BENCH_FANOUT_SIZES=100000` (comma-separated) picks the audience sizes; the default is
 * 100k then 1M (about a minute of inserting and a minute of fanning out on two cores).
 */
import { join } from 'node:path';
import { FAN_OUT_PAGE_SIZE } from '../../server/triggers/fan-out.ts';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { edge } from '../integration/helpers/scenarios.ts';
import { makeDataDir, removeDataDir } from '../integration/helpers/test-server.ts';
import { startBenchServer } from './bench-server.ts';
import { percentile, round } from './stats.ts';

const SIZES = (process.env.BENCH_FANOUT_SIZES ?? '100000,1000000').split(',').map(Number);
const INSERT_BATCH = 5000;
const CHANNELS = ['whatsapp', 'sms', 'rcs', 'telegram'];

/** Half the customers are opted in: the audience is those, so the store also skips as many. */
function customer(n: number): { id: string; attributes: Record<string, unknown> } {
  const phone = `+336${String(n).padStart(8, '0')}`;
  return {
    id: phone,
    attributes: {
      user_id: phone,
      user_phone_number: phone,
      bot_channel: CHANNELS[n % CHANNELS.length],
      opted_in: n % 2 === 0,
      plan: n % 10 === 0 ? 'pro' : 'free',
      first_name: `Customer ${n}`,
    },
  };
}

async function insertCustomers(file: string, count: number): Promise<number> {
  const store = new SqliteStore(file);
  const started = performance.now();
  const now = new Date().toISOString();
  for (let start = 0; start < count; start += INSERT_BATCH) {
    const batch = Array.from({ length: Math.min(INSERT_BATCH, count - start) }, (_, i) =>
      customer(start + i),
    );
    await store.commit({ customers: batch, now });
  }
  store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  await store.close();
  return performance.now() - started;
}

const SCENARIO = {
  nodes: [
    {
      id: 'when',
      type: 'trigger.schedule',
      config: {
        audience: { rules: [{ field: 'customer.opted_in', criteria: 'equals', value: true }] },
        schedule: { mode: 'cron', cron: '0 0 1 1 *', timezone: 'UTC' },
      },
    },
    { id: 'done', type: 'end', config: {} },
  ],
  edges: [edge('when', 'done')],
};

async function fanOutOnce(matching: number): Promise<Record<string, unknown>> {
  const dataDir = makeDataDir();
  const insertMs = await insertCustomers(join(dataDir, 'hookflow.db'), matching * 2).catch((error) => {
    removeDataDir(dataDir);
    throw error;
  });
  const bench = await startBenchServer(dataDir);
  try {
    const scenarioId = await bench.activeScenario('fan-out bench', SCENARIO);
    global.gc?.();
    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
    const started = performance.now();
    const { fanOut } = bench.server;
    const record = await fanOut.start({
      scenarioId,
      version: 1,
      triggerNodeId: 'when',
      source: 'schedule',
      target: { kind: 'audience', filter: SCENARIO.nodes[0]!.config.audience as never },
    });
    let state = record;
    while (state.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = (await fanOut.get(record.id))!;
    }
    const elapsedMs = performance.now() - started;
    clearInterval(sampler);
    if (state.status !== 'done' || state.started !== matching)
      throw new Error(`fan-out ended ${state.status} with ${state.started} runs: ${state.error}`);
    // What the canvas polls for its per-node counts once the audience has gone through.
    const statsMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const asked = performance.now();
      await bench.server.store.runs.nodeStats(scenarioId, 1);
      statsMs.push(performance.now() - asked);
    }
    return {
      customers: matching * 2,
      matching,
      insertCustomersMs: round(insertMs),
      fanOutMs: round(elapsedMs),
      runsPerSecond: round((matching / elapsedMs) * 1000),
      rssBeforeMiB: round(rssBefore / 2 ** 20),
      peakRssMiB: round(peakRss / 2 ** 20),
      nodeCountsMedianMs: round(percentile(statsMs, 50)),
    };
  } finally {
    await bench.close();
  }
}

export async function benchFanOut(): Promise<Record<string, unknown>> {
  const results = [];
  for (const size of SIZES) results.push(await fanOutOnce(size));
  return {
    scenario: 'trigger.schedule → end (runs complete in their page)',
    pageSize: FAN_OUT_PAGE_SIZE,
    results,
  };
}
