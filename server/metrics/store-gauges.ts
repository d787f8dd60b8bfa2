import { Gauge, type Registry } from 'prom-client';
import type { Clock } from '../runtime/clock.ts';
import { type LoopLogger, ResilientLoop } from '../runtime/resilient-loop.ts';
import type { Store } from '../store/ports/store.ts';

/** Where the store gauges are read from. */
export interface StoreGaugeSources {
  store: Pick<Store, 'backlog' | 'batchItems' | 'runs' | 'throughputPolicies' | 'processes'>;
  clock: Clock;
  /** The heartbeat cut-off at `now`: processes that beat since then are alive (`ProcessRegistry`). */
  liveSince(now: number): number;
  logger: LoopLogger;
}

/** However often Prometheus (or several of it) scrapes, the store is read at most this often ... */
const FRESH_FOR_MS = 1000;
/**
 * ... and at most 1/20 of the time: the counts grow with the backlog they count (SQLite: 20 ms
 * at 100,000 pending deliveries, 200 ms at 1,000,000), and they block this process's event loop.
 */
const READ_SHARE = 20;

type GaugeName = (typeof GAUGES)[number][0];
type PolicyLabel = 'policy_id' | 'policy';

/**
 * Gauges of the whole engine, read from the store: every process sharing it reports the same
 * values, so the cluster primary takes one process's (`aggregator: 'first'`) instead of a sum.
 */
const GAUGES = [
  ['hookflow_deliveries_pending', 'Webhook deliveries not sent yet, retries waiting for their time included'],
  ['hookflow_deliveries_due', 'Pending deliveries whose time has come and that no process has claimed yet'],
  ['hookflow_deliveries_sending', 'Deliveries leased by a process and being sent'],
  ['hookflow_batch_buffer_customers', 'Customers waiting in the batch buffer for their batch request'],
  ['hookflow_batch_buffer_oldest_seconds', 'How long the oldest customer in the batch buffer has waited'],
  ['hookflow_waits_scheduled', 'Runs waiting for a timer (wait nodes)'],
  ['hookflow_waits_due', 'Waiting runs whose wake time has come and that no process has woken yet'],
  ['hookflow_waits_overdue_seconds', 'How late the most overdue wake-up is (0 when none is due)'],
  ['hookflow_processes_live', 'Hookflow processes sharing the store whose heartbeat is fresh'],
] as const;

const POLICY_GAUGES = [
  ['hookflow_throughput_in_flight', 'Requests of each throughput policy being sent, over every process'],
  ['hookflow_throughput_concurrency', 'The concurrency limit of each throughput policy'],
] as const;

/**
 * The store gauges of one registry. They are read when scraped, once per second at most (one
 * read answers them all, and a slow read is repeated less often); a read that fails leaves them NaN (unknown) and is logged once per
 * outage, so `/metrics` keeps answering with the process's own figures while the store is down.
 */
export class StoreGauges {
  private readonly sources: StoreGaugeSources;
  private readonly loop: ResilientLoop;
  private readonly gauges = new Map<GaugeName, Gauge>();
  private readonly inFlight: Gauge<PolicyLabel>;
  private readonly concurrency: Gauge<PolicyLabel>;
  private last: { at: number; reading: Promise<void> } | null = null;
  private freshForMs = FRESH_FOR_MS;

  constructor(registry: Registry, sources: StoreGaugeSources) {
    this.sources = sources;
    this.loop = new ResilientLoop({ name: 'reading the store for /metrics', logger: sources.logger });
    const common = { registers: [registry], aggregator: 'first' as const, collect: () => this.refresh() };
    for (const [name, help] of GAUGES) this.gauges.set(name, new Gauge({ name, help, ...common }));
    const labelNames = ['policy_id', 'policy'] as const;
    const [inFlight, concurrency] = POLICY_GAUGES.map(
      ([name, help]) => new Gauge<PolicyLabel>({ name, help, labelNames, ...common }),
    );
    this.inFlight = inFlight!;
    this.concurrency = concurrency!;
  }

  private refresh(): Promise<void> {
    const now = this.sources.clock.now();
    if (this.last && now - this.last.at < this.freshForMs) return this.last.reading;
    this.last = { at: now, reading: this.read(now) };
    return this.last.reading;
  }

  private async read(now: number): Promise<void> {
    this.inFlight.reset();
    this.concurrency.reset();
    try {
      const values = await readStore(this.sources, now);
      this.freshForMs = Math.max(FRESH_FOR_MS, (this.sources.clock.now() - now) * READ_SHARE);
      for (const [name, value] of Object.entries(values.gauges))
        this.gauges.get(name as GaugeName)!.set(value);
      for (const policy of values.policies) {
        const labels = { policy_id: policy.id, policy: policy.name };
        this.inFlight.set(labels, policy.sending);
        this.concurrency.set(labels, policy.concurrency);
      }
      this.loop.succeeded();
    } catch (error) {
      this.loop.failed(error);
      for (const gauge of this.gauges.values()) gauge.set(Number.NaN);
    }
  }
}

async function readStore(sources: StoreGaugeSources, now: number) {
  const { store } = sources;
  const [backlog, groups, nextWake, policies, processes] = await Promise.all([
    store.backlog.read(now),
    store.batchItems.groups(),
    store.runs.nextWakeAt(),
    store.throughputPolicies.list(),
    store.processes.list(),
  ]);
  const { deliveries, waits } = backlog;
  const oldestItem = Math.min(...groups.map((group) => group.oldestAt));
  const sending = new Map(deliveries.sendingByPolicy.map((entry) => [entry.policyId, entry.count]));
  const liveSince = sources.liveSince(now);
  const gauges: Record<GaugeName, number> = {
    hookflow_deliveries_pending: deliveries.pending,
    hookflow_deliveries_due: deliveries.due,
    hookflow_deliveries_sending: deliveries.sendingByPolicy.reduce((sum, entry) => sum + entry.count, 0),
    hookflow_batch_buffer_customers: groups.reduce((sum, group) => sum + group.count, 0),
    hookflow_batch_buffer_oldest_seconds: groups.length === 0 ? 0 : Math.max(0, now - oldestItem) / 1000,
    hookflow_waits_scheduled: waits.scheduled,
    hookflow_waits_due: waits.due,
    hookflow_waits_overdue_seconds: nextWake === null ? 0 : Math.max(0, now - nextWake) / 1000,
    hookflow_processes_live: processes.filter((process) => process.heartbeatAt > liveSince).length,
  };
  return {
    gauges,
    policies: policies.map((policy) => ({ ...policy, sending: sending.get(policy.id) ?? 0 })),
  };
}
