import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type StoreGaugeSources, StoreGauges } from './store-gauges.ts';
import type { DeliveryOutcome, LeasedWork, RuntimeMetrics } from '../runtime/runtime-metrics.ts';

/**
 * Node's own figures (event loop lag, heap, RSS, CPU, GC) belong to the process, so one registry
 * per process holds them, shared by every server it runs (tests start many): collecting them
 * starts observers that live as long as the process.
 */
let nodeRegistry: Registry | null = null;

function nodeMetrics(): Registry {
  if (!nodeRegistry) {
    nodeRegistry = new Registry();
    collectDefaultMetrics({ register: nodeRegistry });
    if (!canRead('/proc/self/status')) withoutProcFs(nodeRegistry);
  }
  return nodeRegistry;
}

/** Read through Node's fs, which the permission model checks: it lets the server read no /proc. */
const PROC_FS_METRICS = [
  'process_resident_memory_bytes',
  'process_virtual_memory_bytes',
  'process_heap_bytes',
  'process_open_fds',
  'process_max_fds',
];

/**
 * Under the permission model prom-client cannot read /proc and would report 0 bytes resident:
 * those metrics are dropped, and RSS comes from `process.memoryUsage.rss()` (libuv reads it
 * below the model). Granting /proc instead would open /proc/self/environ, the process's secrets.
 */
function withoutProcFs(registry: Registry): void {
  for (const name of PROC_FS_METRICS) registry.removeSingleMetric(name);
  new Gauge({
    name: 'process_resident_memory_bytes',
    help: 'Resident memory size in bytes.',
    registers: [registry],
    collect() {
      this.set(process.memoryUsage.rss());
    },
  });
}

const canRead = (path: string) => !process.permission || process.permission.has('fs.read', path);

/** Commit durations, from a tenth of a millisecond (SQLite, no flush) to seconds (a slow disk or a far replica set). */
const COMMIT_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/**
 * This process's metrics in the Prometheus format (prom-client): what the runtime counts as it
 * works (`RuntimeMetrics`), the gauges read from the store (`watchStore`), and Node's own.
 * `GET /metrics` answers with `text()` (one process) or with every worker's summed by the cluster
 * primary (`ClusterMetrics`), which reads `json()`.
 */
export class PrometheusMetrics implements RuntimeMetrics {
  /** What this server counts; `text()` adds Node's figures and the store gauges. */
  private readonly registry = new Registry();
  /** Gauges of the whole engine, read from the store (`watchStore`). */
  private readonly storeRegistry = new Registry();
  private readonly attempts: Counter<'outcome'>;
  private readonly takeoverCounter: Counter<'work'>;
  private readonly commits: Histogram;

  constructor() {
    const registers = [this.registry];
    this.attempts = new Counter({
      name: 'hookflow_delivery_attempts_total',
      help: 'Webhook delivery attempts by outcome: delivered (2xx), retry (failed, sent again later), failed (given up), refused (egress policy)',
      labelNames: ['outcome'],
      registers,
    });
    this.takeoverCounter = new Counter({
      name: 'hookflow_lease_takeovers_total',
      help: 'Leased work taken over from a process whose heartbeat stopped or whose lease lapsed, by kind of work',
      labelNames: ['work'],
      registers,
    });
    this.commits = new Histogram({
      name: 'hookflow_store_commit_duration_seconds',
      help: 'How long one store commit (one transaction) took, failed ones included',
      buckets: COMMIT_BUCKETS,
      registers,
    });
    // Series that exist from the start, so a rate over them is defined before the first event.
    for (const outcome of ['delivered', 'retry', 'failed', 'refused'] satisfies DeliveryOutcome[])
      this.attempts.inc({ outcome }, 0);
    this.takeoverCounter.inc({ work: 'delivery' }, 0);
  }

  deliveryOutcome(outcome: DeliveryOutcome): void {
    this.attempts.inc({ outcome });
  }

  takeovers(work: LeasedWork, count: number): void {
    if (count > 0) this.takeoverCounter.inc({ work }, count);
  }

  commitLatency(ms: number): void {
    this.commits.observe(ms / 1000);
  }

  /** Adds the gauges of the whole engine read from the store (backlogs, policies, live processes). */
  watchStore(sources: StoreGaugeSources): void {
    new StoreGauges(this.storeRegistry, sources);
  }

  /** The content type of `text()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric of this process in the Prometheus text format. */
  text(): Promise<string> {
    return Registry.merge([nodeMetrics(), this.registry, this.storeRegistry]).metrics();
  }

  /**
   * This process's metrics as prom-client's JSON, which the cluster primary sums; the store gauges
   * only when `withStore` (they are the same in every process, so one process reads them).
   */
  json(options: { withStore: boolean }): ReturnType<Registry['getMetricsAsJSON']> {
    const registries = [nodeMetrics(), this.registry, ...(options.withStore ? [this.storeRegistry] : [])];
    return Registry.merge(registries).getMetricsAsJSON();
  }
}
