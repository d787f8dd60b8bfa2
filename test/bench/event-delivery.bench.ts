/**
 * Durable deliveries per second, from POST /api/events to a local sink, on the embedded store,
 * next to two baselines measured in the same run: a hand-written relay (parse, render, POST,
 * answer; nothing stored) and a bare undici client posting to the same sink. The load client
 * and the sink run in a child process; the server (or the relay) has this process to itself.
 */
import { triggerToWebhook } from '../integration/helpers/scenarios.ts';
import { BENCH_KEY, startBenchServer } from './bench-server.ts';
import { BenchSink } from './bench-sink.ts';
import { startRelay } from './relay.ts';
import { peakRss } from './rss-sampler.ts';
import { percentile, round } from './stats.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
/** One event per request over 32 connections: how sending systems post events (and wrk's load). */
const SINGLE = { mode: 'one event per request', perRequest: 1, inFlight: 32, tag: 's' };
const BATCHED = { mode: 'batches of 100 events per request', perRequest: 100, inFlight: 4, tag: 'b' };

interface ModeFigures {
  mode: string;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p99: number };
  peakRssMiB: number;
}

/** Posts the events to `url`, waits for every delivery at the sink, and measures. */
async function measure(sink: BenchSink, url: string, mode: typeof SINGLE): Promise<ModeFigures> {
  await sink.reset();
  const rss = peakRss();
  await sink.load({ url, key: BENCH_KEY, events: EVENTS, ...mode });
  await sink.waitFor(EVENTS, 120_000);
  const peakRssMiB = rss.stop();
  const { latencies, elapsedMs } = await sink.report();
  return {
    mode: mode.mode,
    deliveriesPerSecond: round((EVENTS / elapsedMs) * 1000),
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    peakRssMiB,
  };
}

export async function benchEventDelivery(): Promise<Record<string, unknown>> {
  const sink = await BenchSink.start();
  try {
    const definition = triggerToWebhook('bench', sink.url);
    const relay = await startRelay(definition.nodes[1]);
    const relayed = await measure(sink, relay.url, { ...SINGLE, tag: 'r' });
    await relay.close();

    const bench = await startBenchServer();
    const results: ModeFigures[] = [];
    try {
      await bench.activeScenario('bench', definition);
      for (const mode of [SINGLE, BATCHED]) results.push(await measure(sink, bench.server.url, mode));
    } finally {
      await bench.close();
    }
    await sink.reset();
    const bare = round((EVENTS / (await sink.bare(EVENTS))) * 1000);
    const single = results[0]!;
    return {
      events: EVENTS,
      relay: relayed,
      hookflow: results,
      bareUndiciRequestsPerSecond: bare,
      ratioToRelay: round(single.deliveriesPerSecond / relayed.deliveriesPerSecond, 3),
      ratioToBareUndici: Object.fromEntries(
        results.map((r) => [r.mode, round(r.deliveriesPerSecond / bare, 3)]),
      ),
    };
  } finally {
    sink.stop();
  }
}
