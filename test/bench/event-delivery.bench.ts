/**
 * Durable deliveries per second, from POST /api/events to a local sink, on the embedded store,
 * next to two baselines measured in the same run: a hand-written relay (parse, render, POST,
 * answer; nothing stored) and a bare undici client posting to the same sink. The load client
 * and the sink run in a child process; the server (or the relay) has this process to itself.
 * Hookflow runs with `synchronous=normal` and `full` alternately (see `SYNCHRONOUS`), and the
 * peak size of its WAL file and how fast `/health` answers under the load are recorded. Then
 * the same load with and without an event subscription to every event type, alternated on fresh
 * servers (issue 13: the main path keeps >= 80 % of its throughput); its calls go to the same
 * sink, counted apart.
 */
import { join } from 'node:path';
import { EVENT_TYPE_NAMES } from '../../engine/subscriptions/index.ts';
import { triggerToWebhook } from '../integration/helpers/scenarios.ts';
import { BENCH_KEY, startBenchServer } from './bench-server.ts';
import { BenchSink } from './bench-sink.ts';
import { peakFileSize } from './file-size-sampler.ts';
import { startRelay } from './relay.ts';
import { peakRss } from './rss-sampler.ts';
import { mean, percentile, round } from './stats.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
/** One event per request over 32 connections: how sending systems post events (and wrk's load). */
export const SINGLE = { mode: 'one event per request', perRequest: 1, inFlight: 32, tag: 's' };
export const BATCHED = { mode: 'batches of 100 events per request', perRequest: 100, inFlight: 4, tag: 'b' };

/**
 * The embedded store's `synchronous` settings, alternated in one run so that a machine that slows
 * down part-way (it is shared) weighs on both: `full` flushes the WAL at every commit.
 */
const SYNCHRONOUS = (process.env.BENCH_SYNCHRONOUS ?? 'normal,full,normal,full').split(',');

interface ModeFigures {
  mode: string;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p99: number };
  peakRssMiB: number;
  /** How long `GET /health` took while the events were being posted (Hookflow only). */
  healthMs?: { p50: number; p99: number; max: number };
}

type RoundFigures = ModeFigures & { synchronous: string; walPeakMiB?: number };

/** Posts the events to `url`, waits for every delivery at the sink, and measures. */
export async function measure(
  sink: BenchSink,
  url: string,
  mode: typeof SINGLE & { health?: boolean },
): Promise<ModeFigures> {
  await sink.reset();
  const rss = peakRss();
  const health = await sink.load({ url, key: BENCH_KEY, events: EVENTS, ...mode });
  const healthMs =
    health.length === 0
      ? {}
      : {
          healthMs: {
            p50: round(percentile(health, 50), 1),
            p99: round(percentile(health, 99), 1),
            max: round(Math.max(...health), 1),
          },
        };
  await sink.waitFor(EVENTS, 120_000);
  const peakRssMiB = rss.stop();
  const { latencies, elapsedMs } = await sink.report();
  return {
    mode: mode.mode,
    deliveriesPerSecond: round((EVENTS / elapsedMs) * 1000),
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    peakRssMiB,
    ...healthMs,
  };
}

/** Pairs of subscribed and unsubscribed rounds (each mode on a fresh server); the order flips every pair. */
const SUBSCRIPTION_PAIRS = Number(process.env.BENCH_SUBSCRIPTION_PAIRS ?? 2);
/** How long the subscription's backlog is watched once the deliveries are in, for its send rate. */
const DRAIN_WATCH_MS = 5000;

interface SubscriptionRound {
  subscribed: boolean;
  mode: string;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p99: number };
  /** Subscription calls received when the last delivery arrived, and per second in the next 5 s. */
  subscriptionCalls?: { atLastDelivery: number; perSecondAfter: number };
}

/** One mode on a fresh server (`full`, the default), with or without a subscription to every event type. */
async function measureSubscription(
  sink: BenchSink,
  definition: unknown,
  setting: { mode: typeof SINGLE; subscribed: boolean },
): Promise<SubscriptionRound> {
  const bench = await startBenchServer(undefined, { HOOKFLOW_SQLITE_SYNCHRONOUS: 'full' });
  try {
    await bench.activeScenario('bench', definition);
    if (setting.subscribed)
      await bench.post('/api/subscriptions', {
        name: 'every event',
        url: sink.subscriptionUrl,
        events: EVENT_TYPE_NAMES.map((type) => ({ type })),
      });
    const { mode, deliveriesPerSecond, latencyMs } = await measure(sink, bench.server.url, setting.mode);
    if (!setting.subscribed) return { subscribed: false, mode, deliveriesPerSecond, latencyMs };
    const atLastDelivery = await sink.subscriptionCalls();
    await new Promise((resolve) => setTimeout(resolve, DRAIN_WATCH_MS));
    const perSecondAfter = round(
      ((await sink.subscriptionCalls()) - atLastDelivery) / (DRAIN_WATCH_MS / 1000),
    );
    return {
      subscribed: true,
      mode,
      deliveriesPerSecond,
      latencyMs,
      subscriptionCalls: { atLastDelivery, perSecondAfter },
    };
  } finally {
    await bench.close();
  }
}

/** Subscribed / unsubscribed throughput per mode, both measured in this run. */
async function subscriptionCost(sink: BenchSink, definition: unknown) {
  const rounds: SubscriptionRound[] = [];
  for (let pair = 0; pair < SUBSCRIPTION_PAIRS; pair += 1)
    for (const subscribed of pair % 2 === 0 ? [false, true] : [true, false])
      for (const mode of [SINGLE, BATCHED])
        rounds.push(await measureSubscription(sink, definition, { mode, subscribed }));
  const rate = (mode: string, subscribed: boolean) =>
    mean(
      rounds.filter((r) => r.mode === mode && r.subscribed === subscribed).map((r) => r.deliveriesPerSecond),
    );
  return {
    rounds,
    subscribedToUnsubscribed: Object.fromEntries(
      [SINGLE.mode, BATCHED.mode].map((mode) => [mode, round(rate(mode, true) / rate(mode, false), 3)]),
    ),
  };
}

/** Both modes on a fresh server with `synchronous`; also the peak size of its WAL file meanwhile. */
async function measureServer(sink: BenchSink, definition: unknown, synchronous: string) {
  const bench = await startBenchServer(undefined, { HOOKFLOW_SQLITE_SYNCHRONOUS: synchronous });
  const wal = peakFileSize(join(bench.dataDir, 'hookflow.db-wal'));
  const results: RoundFigures[] = [];
  try {
    await bench.activeScenario('bench', definition);
    for (const mode of [SINGLE, BATCHED])
      results.push({ synchronous, ...(await measure(sink, bench.server.url, { ...mode, health: true })) });
  } finally {
    const walPeakMiB = wal.stop();
    for (const result of results) Object.assign(result, { walPeakMiB });
    await bench.close();
  }
  return results;
}

export async function benchEventDelivery(): Promise<Record<string, unknown>> {
  const sink = await BenchSink.start();
  try {
    const definition = triggerToWebhook('bench', sink.url);
    const relay = await startRelay(definition.nodes[1]);
    const relayed = await measure(sink, relay.url, { ...SINGLE, tag: 'r' });
    await relay.close();

    const results: RoundFigures[] = [];
    for (const synchronous of SYNCHRONOUS)
      results.push(...(await measureServer(sink, definition, synchronous)));
    await sink.reset();
    const bare = round((EVENTS / (await sink.bare(EVENTS))) * 1000);
    // Figures of the default setting (full), averaged over its rounds.
    const rate = (synchronous: string, mode: string) =>
      mean(
        results
          .filter((r) => r.synchronous === synchronous && r.mode === mode)
          .map((r) => r.deliveriesPerSecond),
      );
    const modes = [SINGLE.mode, BATCHED.mode];
    return {
      events: EVENTS,
      relay: relayed,
      hookflow: results,
      bareUndiciRequestsPerSecond: bare,
      ratioToRelay: round(rate('full', SINGLE.mode) / relayed.deliveriesPerSecond, 3),
      ratioToBareUndici: Object.fromEntries(modes.map((mode) => [mode, round(rate('full', mode) / bare, 3)])),
      subscription: await subscriptionCost(sink, definition),
      fullToNormal: Object.fromEntries(
        modes.map((mode) => [mode, round(rate('full', mode) / rate('normal', mode), 3)]),
      ),
    };
  } finally {
    sink.stop();
  }
}
