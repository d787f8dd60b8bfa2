/**
 * Many runs waiting until the same instant T, on the embedded store: events start
 * `BENCH_WAITS` (default 100,000) runs of event → wait until T → webhook, then at T every run
 * wakes and sends. Measured: RSS while they wait (and after a forced GC), how late the first
 * delivery and the p50/p99 delivery land after T, the delivery rate while the rest wake,
 * duplicates at the sink, the server's event-loop delay, and `GET /health` timed from another
 * process every 50 ms from before T until the last delivery.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { edge, triggerNode, webhookNode } from '../integration/helpers/scenarios.ts';
import { BENCH_KEY, startBenchServer } from './bench-server.ts';
import { BenchSink } from './bench-sink.ts';
import { peakRss } from './rss-sampler.ts';
import { percentile, round } from './stats.ts';

const RUNS = Number(process.env.BENCH_WAITS ?? 100_000);
/** Events per second the load client managed on the build machine, to place T after the load. */
const INGEST_PER_SECOND = 4000;
const MiB = 2 ** 20;

const scenario = (url: string) => ({
  nodes: [
    triggerNode('start', 'bench'),
    { id: 'pause', type: 'wait', config: { mode: 'until', at: '{{ event.properties.at }}' } },
    webhookNode('send', url, { body: '{"customer":"{{ customer.id }}"}' }),
  ],
  edges: [edge('start', 'pause'), edge('pause', 'send')],
});

const rssMiB = () => Math.round(process.memoryUsage.rss() / MiB);

export async function benchWaitsAtScale(): Promise<Record<string, unknown>> {
  const sink = await BenchSink.start();
  const bench = await startBenchServer();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  try {
    await bench.activeScenario('waits', scenario(sink.url));
    const at = Date.now() + Math.ceil((RUNS / INGEST_PER_SECOND) * 1000) + 10_000;
    const T = new Date(at).toISOString();
    const loading = peakRss();
    await sink.load({
      url: bench.server.url,
      key: BENCH_KEY,
      events: RUNS,
      perRequest: 1000,
      inFlight: 2,
      tag: 'w',
      properties: { at: T },
    });
    const ingestPeakMiB = loading.stop();
    if (Date.now() > at - 3000) throw new Error('the events took longer than planned: raise the margin');
    await new Promise((resolve) => setTimeout(resolve, at - 3000 - Date.now()));
    const waitingMiB = rssMiB();
    (globalThis as { gc?: () => void }).gc?.();
    const waitingAfterGcMiB = rssMiB();
    await sink.probe(bench.server.url);
    loop.enable();
    const waking = peakRss();
    await sink.waitFor(RUNS, 600_000);
    loop.disable();
    const health = await sink.probeStop();
    const { times, received } = await sink.arrivals();
    const late = times.map((time) => time - at).sort((a, b) => a - b);
    const lastMs = late.at(-1)!;
    return {
      runs: RUNS,
      rssMiB: {
        ingestPeak: ingestPeakMiB,
        waiting: waitingMiB,
        waitingAfterGc: waitingAfterGcMiB,
        wakingPeak: waking.stop(),
      },
      deliveryAfterTMs: {
        first: late[0],
        p50: percentile(late, 50),
        p99: percentile(late, 99),
        last: lastMs,
      },
      deliveriesPerSecondAfterT: round((RUNS / Math.max(lastMs, 1)) * 1000),
      duplicates: received - RUNS,
      eventLoopDelayMs: { p99: round(loop.percentile(99) / 1e6, 1), max: round(loop.max / 1e6, 1) },
      healthMs: {
        p50: round(percentile(health, 50), 1),
        p99: round(percentile(health, 99), 1),
        max: round(Math.max(...health), 1),
      },
    };
  } finally {
    await bench.close();
    sink.stop();
  }
}
