import type { Logger } from 'pino';
import type { TemplateEngine } from '../../engine/template/index.ts';
import type { HttpSender } from '../http/http-sender.ts';
import type { RequestAuthorizer } from '../integrations/request-authorizer.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { Store } from '../store/ports/store.ts';
import type { StoreHealth } from '../store/store-health.ts';
import type { Clock } from './clock.ts';
import { Batcher } from './batcher.ts';
import { CohortStepper } from './cohort-stepper.ts';
import { CommitQueue } from './commit-queue.ts';
import { DeliveryWorker } from './delivery-worker.ts';
import { EffectDispatcher } from './effect-dispatcher.ts';
import { EventIngest } from './event-ingest.ts';
import { ProcessRegistry } from './process-registry.ts';
import { RecentRuns } from './recent-runs.ts';
import { RunResumer } from './run-resumer.ts';
import { RunRetry } from './run-retry.ts';
import { RunStepper } from './run-stepper.ts';
import type { RuntimeMetrics } from './runtime-metrics.ts';
import { ScenarioCatalog } from './scenario-catalog.ts';
import { WakeTimer } from './wake-timer.ts';
import { RunNotices } from '../subscriptions/run-notices.ts';
import type { SubscriptionIndex } from '../subscriptions/subscription-index.ts';

export interface RuntimeOptions {
  store: Store;
  /** This process's id among those sharing the store (made anew when absent). */
  processId?: string;
  scheduler: Scheduler;
  sender: HttpSender;
  authorizer: RequestAuthorizer;
  templates: TemplateEngine;
  clock: Clock;
  logger: Logger;
  /** Tests turn the worker off to leave deliveries saved but unsent (a simulated crash). */
  deliveryWorker?: boolean;
  workerConcurrency?: number;
  /** Told of store errors the background loops meet; `/health` reports them. */
  health?: StoreHealth;
  /** What `/metrics` counts: attempts by outcome, takeovers (default: nowhere). */
  metrics?: RuntimeMetrics;
  /** Which events subscriptions want: steps then save those events with themselves. */
  subscriptions?: SubscriptionIndex;
  /** Told when saved steps carried events (the notifier sends them at once). */
  onNotices?: () => void;
}

/** Runs kept for the results of handed-over deliveries: more than a worker has leased at once. */
const RECENT_RUNS = 2048;

/** Wires the run machinery together: catalog, stepper, ingestion, results, timers, deliveries. */
export class Runtime {
  readonly catalog: ScenarioCatalog;
  /** This process among those sharing the store: the owner its leases name. */
  readonly registry: ProcessRegistry;
  readonly ingest: EventIngest;
  readonly resumer: RunResumer;
  /** Retry from the failed node. */
  readonly retry: RunRetry;
  /** Fan-outs start runs with these, as ingestion does. */
  readonly stepper: RunStepper;
  readonly dispatcher: EffectDispatcher;
  private readonly worker: DeliveryWorker | null;
  private readonly batcher: Batcher;
  private readonly wakeTimer: WakeTimer;
  private readonly options: RuntimeOptions;

  constructor(options: RuntimeOptions) {
    this.options = options;
    const { store, scheduler, logger, clock } = options;
    const health = options.health ? { health: options.health } : {};
    this.catalog = new ScenarioCatalog(store.scenarios);
    const id = options.processId ? { id: options.processId } : {};
    this.registry = new ProcessRegistry({ store: store.processes, clock, logger, ...id });
    // Deliveries this process saves go to its own worker without a claim (see DeliveryHandoff).
    const handoff = {
      lease: (delivery: { policyId: string | null }) => this.worker?.lease(delivery) ?? null,
    };
    const { subscriptions } = options;
    const stepper = new RunStepper({
      templates: options.templates,
      clock,
      owner: this.registry.id,
      handoff,
      ...(subscriptions ? { notices: new RunNotices(subscriptions) } : {}),
    });
    this.stepper = stepper;
    const recent = new RecentRuns(RECENT_RUNS);
    this.wakeTimer = new WakeTimer({
      scheduler,
      runs: store.runs,
      clock,
      logger,
      owner: this.registry.id,
      ...health,
    });
    const dispatcher = new EffectDispatcher({
      wakeTimer: this.wakeTimer,
      onDeliveries: (leased, runs) => this.worker?.take(leased, runs),
      onBatchItems: (items) => this.batcher.notify(items),
      onNotices: () => options.onNotices?.(),
    });
    this.dispatcher = dispatcher;
    this.retry = new RunRetry({ store, catalog: this.catalog, stepper, dispatcher, clock });
    this.resumer = new RunResumer({
      store,
      catalog: this.catalog,
      stepper,
      dispatcher,
      logger,
      recent,
      ...(subscriptions ? { subscriptions } : {}),
      cohorts: new CohortStepper({ stepper, customers: store.customers, clock }),
    });
    this.batcher = new Batcher({
      store,
      catalog: this.catalog,
      templates: options.templates,
      resumer: this.resumer,
      clock,
      logger,
      onDeliveries: () => this.worker?.nudge(),
      registry: this.registry,
      ...health,
    });
    this.ingest = new EventIngest({
      store,
      commits: new CommitQueue(store),
      catalog: this.catalog,
      stepper,
      dispatcher,
      clock,
      ...(subscriptions ? { subscriptions } : {}),
    });
    this.worker =
      options.deliveryWorker === false
        ? null
        : new DeliveryWorker({
            deliveries: store.deliveries,
            sender: options.sender,
            authorizer: options.authorizer,
            resumer: this.resumer,
            registry: this.registry,
            recent,
            clock,
            logger,
            ...health,
            ...(options.metrics ? { metrics: options.metrics } : {}),
            ...(options.workerConcurrency ? { concurrency: options.workerConcurrency } : {}),
          });
  }

  /** Scenario deliveries are being sent or saved (event subscriptions wait for a quiet moment). */
  deliveriesBusy(): boolean {
    return this.worker?.busy() ?? false;
  }

  async start(): Promise<void> {
    // First: nothing may be leased in this process's name before its heartbeat exists.
    await this.registry.start();
    await this.catalog.refresh();
    this.wakeTimer.define((wakes) =>
      this.resumer.apply(wakes.map(({ runId, visit }) => ({ runId, event: { type: 'WAKE', visit } }))),
    );
    await this.options.scheduler.start();
    await this.wakeTimer.recover();
    await this.batcher.recover();
    this.worker?.start();
  }

  async stop(): Promise<void> {
    await this.batcher.stop();
    this.wakeTimer.stop();
    await this.worker?.stop();
    await this.options.scheduler.stop();
    await this.registry.stop();
  }
}
