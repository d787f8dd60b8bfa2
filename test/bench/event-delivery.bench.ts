/**
 * Durable deliveries per second, from POST /api/events to a local sink, on the embedded store,
 * next to the ceiling of a bare undici client posting to the same sink in the same run. The
 * load client and the sink run in a child process; the server has this process to itself.
 */
import { triggerToWebhook } from '../integration/helpers/scenarios.ts';
import { BENCH_KEY, startBenchServer } from './bench-server.ts';
import { BenchSink } from './bench-sink.ts';
import { percentile, round } from './stats.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const MODES = [
  { mode: 'batches of 100 events per request', perRequest: 100, inFlight: 4, tag: 'b' },
  { mode: 'one event per request', perRequest: 1, inFlight: 64, tag: 's' },
];

export async function benchEventDelivery(): Promise<Record<string, unknown>> {
  const sink = await BenchSink.start();
  const bench = await startBenchServer();
  const { server } = bench;
  try {
    await bench.activeScenario('bench', triggerToWebhook('bench', sink.url));

    const results = [];
    for (const mode of MODES) {
      await sink.reset();
      await sink.load({ url: server.url, key: BENCH_KEY, events: EVENTS, ...mode });
      await sink.waitFor(EVENTS, 120_000);
      const { latencies, elapsedMs } = await sink.report();
      results.push({
        mode: mode.mode,
        deliveriesPerSecond: round((EVENTS / elapsedMs) * 1000),
        latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
      });
    }
    await sink.reset();
    const bare = round((EVENTS / (await sink.bare(EVENTS))) * 1000);
    return {
      events: EVENTS,
      results,
      bareUndiciRequestsPerSecond: bare,
      ratioToBareUndici: Object.fromEntries(
        results.map((r) => [r.mode, round(r.deliveriesPerSecond / bare, 3)]),
      ),
    };
  } finally {
    await bench.close();
    sink.stop();
  }
}
