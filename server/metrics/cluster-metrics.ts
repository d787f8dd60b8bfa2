import type { Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, prometheusContentType, type Registry } from 'prom-client';
import { HookflowError } from '../errors.ts';
import type { MetricsEndpoint } from '../routes/metrics.ts';
import type { PrometheusMetrics } from './prometheus-metrics.ts';

/** A worker asks the primary for the cluster's figures ... */
const SCRAPE = 'hookflow:metrics-scrape';
const SCRAPED = 'hookflow:metrics-scraped';
/** ... and the primary asks every worker for its own. */
const COLLECT = 'hookflow:metrics-collect';
const COLLECTED = 'hookflow:metrics-collected';

/** How long the primary waits for one worker's figures; one that does not answer is left out. */
const WORKER_ANSWER_MS = 2000;
/** How long a worker waits for the primary's answer before `/metrics` answers 503. */
const PRIMARY_ANSWER_MS = 5000;

type Message = { type?: unknown; id?: unknown } & Record<string, unknown>;
/** One registry's metrics as prom-client's JSON (what the workers send the primary). */
type RegistryJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * `/metrics` in a cluster worker: every worker answers for itself to the primary, which sums them
 * (`ClusterMetrics`), so a scrape through the shared port gets the whole machine whichever worker
 * took the connection. Also answers the primary's requests for this worker's figures.
 */
export class WorkerMetricsEndpoint implements MetricsEndpoint {
  readonly contentType = prometheusContentType;
  private readonly waiting = new Map<string, (text: string) => void>();

  constructor(own: PrometheusMetrics) {
    process.on('message', (message: Message) => {
      if (message.type === COLLECT) {
        void own.json({ withStore: message.withStore === true }).then(
          (metrics) => process.send?.({ type: COLLECTED, id: message.id, metrics }),
          () => process.send?.({ type: COLLECTED, id: message.id, metrics: [] }),
        );
      }
      if (message.type === SCRAPED && typeof message.id === 'string') {
        this.waiting.get(message.id)?.(String(message.text));
      }
    });
  }

  text(): Promise<string> {
    const id = randomUUID();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(
          new HookflowError(
            'unavailable',
            'the cluster primary did not answer with the metrics within 5 s; try again',
          ),
        );
      }, PRIMARY_ANSWER_MS);
      this.waiting.set(id, (text) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(text);
      });
      process.send?.({ type: SCRAPE, id });
    });
  }
}

/**
 * The primary's side: on a worker's request, asks every ready worker for its figures and sums
 * them with prom-client's `AggregatorRegistry` (counters and histograms add up, the store gauges
 * are taken once, event-loop lag is averaged). The counters of workers that died stay in the sum
 * (as last collected), so a restart does not make a cluster total go down.
 */
export class ClusterMetrics {
  private readonly ready = new Set<Worker>();
  private readonly lastCollected = new Map<Worker, RegistryJson>();
  private retired: RegistryJson = [];

  /** Starts answering `worker`'s scrapes and counting it in them; call once it serves requests. */
  add(worker: Worker): void {
    this.ready.add(worker);
    worker.on('message', (message: Message) => {
      if (message.type !== SCRAPE) return;
      void this.text().then(
        (text) => worker.isConnected() && worker.send({ type: SCRAPED, id: message.id, text }),
        () => {},
      );
    });
  }

  /** Keeps the counters `worker` had reached at its last collection; call when it exits. */
  async remove(worker: Worker): Promise<void> {
    this.ready.delete(worker);
    const last = this.lastCollected.get(worker);
    this.lastCollected.delete(worker);
    if (!last) return;
    // prom-client types `type` as an enum, but the JSON holds its name.
    const counts = last.filter((metric) => ['counter', 'histogram'].includes(String(metric.type)));
    this.retired = await AggregatorRegistry.aggregate([this.retired, counts]).getMetricsAsJSON();
  }

  /** The cluster's figures in the Prometheus text format. */
  async text(): Promise<string> {
    // The store gauges are the same in every worker: one reads them.
    const collected = await Promise.all(
      [...this.ready].map((worker, index) => this.collect(worker, index === 0)),
    );
    const live = collected.filter((metrics): metrics is RegistryJson => metrics !== null);
    return AggregatorRegistry.aggregate([...live, this.retired]).metrics();
  }

  private collect(worker: Worker, withStore: boolean): Promise<RegistryJson | null> {
    if (!worker.isConnected()) return Promise.resolve(null);
    const id = randomUUID();
    return new Promise((resolve) => {
      const finish = (metrics: RegistryJson | null) => {
        clearTimeout(timer);
        worker.off('message', listen);
        if (metrics) this.lastCollected.set(worker, metrics);
        resolve(metrics);
      };
      const listen = (message: Message) => {
        if (message.type === COLLECTED && message.id === id) finish(message.metrics as RegistryJson);
      };
      const timer = setTimeout(() => finish(null), WORKER_ANSWER_MS);
      worker.on('message', listen);
      worker.send({ type: COLLECT, id, withStore });
    });
  }
}
