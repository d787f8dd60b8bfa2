import type { Logger } from 'pino';
import type { WebhookResponseView } from '../../engine/run/index.ts';
import type { HttpSender, SendResult } from '../http/http-sender.ts';
import type { RequestAuthorizer } from '../integrations/request-authorizer.ts';
import { sendAuthorized } from '../integrations/send-authorized.ts';
import type { DeliveryRecord, DeliveryStore } from '../store/ports/delivery-store.ts';
import type { RunRecord } from '../store/ports/run-store.ts';
import { asStoreError } from '../store/store-error.ts';
import type { StoreHealth } from '../store/store-health.ts';
import type { Clock } from './clock.ts';
import { type RetryDecision, decideRetry } from '../../engine/webhook/index.ts';
import { logAttempt } from './delivery-log.ts';
import { ResilientLoop } from './resilient-loop.ts';
import type { DeliveryHandoff } from './delivery-handoff.ts';
import type { ProcessRegistry } from './process-registry.ts';
import { noMetrics, type RuntimeMetrics } from './runtime-metrics.ts';
import type { RecentRuns } from './recent-runs.ts';
import type { RetryResult, RunResult, RunResumer } from './run-resumer.ts';

export interface DeliveryWorkerOptions {
  deliveries: DeliveryStore;
  sender: HttpSender;
  /** Attaches integration credentials at send time. */
  authorizer: RequestAuthorizer;
  resumer: RunResumer;
  /** Whose name claims are made in, and who counts as alive (heartbeats). */
  registry: Pick<ProcessRegistry, 'id' | 'liveSince'>;
  /** Where the runs of handed-over deliveries are kept for their results (see `RecentRuns`). */
  recent: RecentRuns;
  clock: Clock;
  logger: Logger;
  /** Counts attempts by outcome and the deliveries taken over (default: nowhere). */
  metrics?: RuntimeMetrics;
  /** Requests in flight at once (default 128). */
  concurrency?: number;
  /**
   * How long a claimed delivery stays ours at most. Others take it over sooner when this process
   * stops beating (see `ProcessRegistry`); the lease only bounds a live process that lost it.
   */
  leaseMs?: number;
  /** Fallback poll when nothing nudges the worker (default 1 s). */
  idlePollMs?: number;
  /** Told of store errors the worker meets (see `StoreHealth`). */
  health?: StoreHealth;
}

/** Near saturation, claim only once this many slots are free (fewer write transactions). */
const CLAIM_BATCH = 16;
/**
 * How soon to look again when deliveries are due but none could be claimed: they wait for a
 * throughput policy's slot, which another process may free (this one nudges itself).
 */
const SLOT_POLL_MS = 50;

/**
 * Sends deliveries and feeds each result back to its run: those this process saved are handed
 * over without a claim (`DeliveryHandoff`), the rest are claimed from the outbox. Results that
 * arrive together are saved together (one transaction per group) to keep the store off the
 * critical path at high rates.
 */
export class DeliveryWorker implements DeliveryHandoff {
  private readonly options: Required<Omit<DeliveryWorkerOptions, 'health'>>;
  private inFlight = 0;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private nudged = false;
  private results: (RunResult | RetryResult)[] = [];
  private flushing: Promise<void> | null = null;
  private readonly idle = new Set<() => void>();
  /**
   * Lapsed leases are rare (a worker died), so they are looked for once per poll interval, or
   * at once when the only thing due is a lease that ran out.
   */
  private reclaimAfter = 0;
  /** Handed over and not sent yet, oldest first. */
  private handedOver: DeliveryRecord[] = [];
  /** Leases granted this turn of the event loop whose deliveries are not handed over yet. */
  private promised = 0;
  private readonly claiming: ResilientLoop;
  private readonly saving: ResilientLoop;

  constructor(options: DeliveryWorkerOptions) {
    const { health, ...rest } = options;
    this.options = { concurrency: 128, leaseMs: 150_000, idlePollMs: 1000, metrics: noMetrics, ...rest };
    const loop = (name: string) =>
      new ResilientLoop({ name, logger: options.logger, ...(health ? { health } : {}) });
    this.claiming = loop('delivery worker');
    this.saving = loop('saving delivery results');
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Takes a new delivery (not one of a throughput policy: those wait for a slot in the store)
   * while at most twice the requests it may have open are in flight or waiting here.
   */
  lease(delivery: Pick<DeliveryRecord, 'policyId'>): Pick<DeliveryRecord, 'owner' | 'leaseUntil'> | null {
    const { concurrency, registry, clock, leaseMs } = this.options;
    if (!this.running || delivery.policyId !== null) return null;
    if (this.inFlight + this.handedOver.length + this.promised >= 2 * concurrency) return null;
    if (this.promised++ === 0) setImmediate(() => (this.promised = 0));
    return { owner: registry.id, leaseUntil: clock.now() + leaseMs };
  }

  take(deliveries: DeliveryRecord[], runs: RunRecord[]): void {
    for (const run of runs) this.options.recent.remember(run);
    this.handedOver.push(...deliveries);
    this.nudge();
  }

  /** Tells the worker new deliveries were saved. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /**
   * True while requests are in flight or their results wait to be saved: work of lower
   * priority (event subscriptions) waits for a quiet moment.
   */
  busy(): boolean {
    return this.inFlight > 0 || this.results.length > 0 || this.flushing !== null;
  }

  /**
   * Stops claiming, waits for requests in flight and their results to be saved, then hands back
   * whatever is still leased in this process's name, so another process sends it at once.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    while (this.inFlight > 0 || this.results.length > 0 || this.flushing) {
      await new Promise<void>((resolve) => this.idle.add(resolve));
    }
    await this.options.deliveries.release(this.options.registry.id);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.claimAndSend();
        this.claiming.succeeded();
      } catch (error) {
        // A full disk or a lost store: what is due stays saved; claim it once the store works.
        await this.pause(this.claiming.failed(error));
      }
    }
  }

  /**
   * One pass of the loop: sends what was handed over, then claims what is due (as many as there
   * are free slots) and sends it.
   */
  private async claimAndSend(): Promise<void> {
    const { concurrency, leaseMs, idlePollMs, clock, deliveries, registry } = this.options;
    for (const delivery of this.handedOver.splice(0, concurrency - this.inFlight)) this.send(delivery);
    const owner = registry.id;
    const now = clock.now();
    const free = concurrency - this.inFlight;
    if (free === 0) {
      await this.pause(idlePollMs);
      return;
    }
    // Claiming is a write transaction: near saturation, wait for a batch of free slots.
    if (free < Math.min(CLAIM_BATCH, concurrency) && this.inFlight > 0) {
      await this.pause(idlePollMs);
      return;
    }
    const lapsed =
      now >= this.reclaimAfter
        ? await deliveries.reclaimLapsed({
            now,
            limit: free,
            leaseMs,
            owner,
            liveSince: registry.liveSince(now),
          })
        : [];
    this.options.metrics.takeovers('delivery', lapsed.length);
    if (lapsed.length === 0) this.reclaimAfter = now + idlePollMs;
    const due = await deliveries.claim({ now, limit: free - lapsed.length, leaseMs, owner });
    const claimed = [...lapsed, ...due];
    for (const delivery of claimed) this.send(delivery);
    if (claimed.length < free) {
      const wait = await this.nextDue();
      if (wait === 0 && claimed.length === 0) this.reclaimAfter = 0;
      await this.pause(wait === 0 && claimed.length === 0 ? SLOT_POLL_MS : wait);
    }
  }

  private async nextDue(): Promise<number> {
    if (this.inFlight >= this.options.concurrency) return this.options.idlePollMs;
    const next = await this.options.deliveries.nextAvailableAt();
    if (next === null) return this.options.idlePollMs;
    return Math.max(0, Math.min(this.options.idlePollMs, next - this.options.clock.now()));
  }

  private pause(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.nudged) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wake = null;
        this.nudged = false;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = finish;
    });
  }

  private send(delivery: DeliveryRecord): void {
    this.inFlight += 1;
    this.attempt(delivery)
      .then((result) => {
        const now = this.options.clock.now();
        const decision = decideRetry({
          outcome: { ...result, refused: result.refusal !== null },
          policy: delivery.retry,
          attempts: delivery.attempts,
          firstAttemptAt: Date.parse(delivery.createdAt),
          now,
        });
        logAttempt(this.options, { delivery, result, decision });
        this.queue(toRunResults({ delivery, result, decision, now }));
      })
      .catch((error: unknown) =>
        this.options.logger.error({ err: error, deliveryId: delivery.id }, 'delivery crashed'),
      )
      .finally(() => {
        this.inFlight -= 1;
        this.nudge();
        this.settleIdle();
      });
  }

  /**
   * One attempt: credentials attached now (so signatures are fresh), one retry after a 401 with a
   * stale OAuth token. A throughput policy's slot was taken when the delivery was claimed.
   */
  private async attempt(delivery: DeliveryRecord): Promise<SendResult> {
    return sendAuthorized(this.options, {
      request: delivery.request,
      webhookId: delivery.id,
      integrationId: delivery.integrationId,
      timeoutMs: delivery.timeoutMs,
    });
  }

  private queue(results: (RunResult | RetryResult)[]): void {
    for (const result of results) this.results.push(result);
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
  }

  private async flush(): Promise<void> {
    while (this.results.length > 0) {
      const batch = this.results;
      this.results = [];
      try {
        await this.options.resumer.apply(batch);
        this.saving.succeeded();
        // Closed deliveries free their throughput policies' slots: claim again now.
        this.nudge();
      } catch (error) {
        if (this.running && asStoreError(error)) {
          // The store has no room (or is gone) for now: keep the results and save them once it
          // has, rather than send every delivery again when its lease lapses.
          this.results = [...batch, ...this.results];
          await new Promise((resolve) => setTimeout(resolve, this.saving.failed(error)));
          continue;
        }
        // The deliveries stay leased and are sent again once the lease lapses.
        this.options.logger.error({ err: error, count: batch.length }, 'saving delivery results failed');
      }
    }
    this.flushing = null;
    this.settleIdle();
  }

  private settleIdle(): void {
    if (this.inFlight > 0 || this.results.length > 0 || this.flushing) return;
    for (const resolve of this.idle) resolve();
    this.idle.clear();
  }
}

/**
 * What one attempt means for the runs the delivery answers: a batch request answers each of its
 * runs with the same response, the same error and the same attempt history.
 */
function toRunResults(attempt: {
  delivery: DeliveryRecord;
  result: SendResult;
  decision: RetryDecision;
  now: number;
}): (RunResult | RetryResult)[] {
  const { delivery, result, decision, now } = attempt;
  const response: WebhookResponseView | undefined =
    result.status === null
      ? undefined
      : {
          nodeId: delivery.nodeId,
          status: result.status,
          headers: result.headers,
          data: result.body,
          json: parseJson(delivery, result),
        };
  const error = decision.kind === 'success' ? null : decision.reason;
  // A cohort's request answers the cohort as a whole: one result, for the cohort's id.
  const runs = delivery.cohortId
    ? [{ runId: delivery.cohortId, visit: delivery.visit }]
    : (delivery.batchRuns ?? [{ runId: delivery.runId, visit: delivery.visit }]);
  const cohort = delivery.cohortId ? { cohort: true as const } : {};
  const step = {
    at: new Date(now).toISOString(),
    nodeId: delivery.nodeId,
    kind: 'webhook' as const,
    detail: {
      deliveryId: delivery.id,
      attempt: delivery.attempts,
      // A batch's request is stored once, on its delivery, not in each of its runs (a cohort's
      // size is filled in from the cohort).
      ...(delivery.batchRuns || delivery.cohortId
        ? { batch: { size: runs.length } }
        : { request: delivery.request }),
      response:
        result.status === null
          ? null
          : {
              status: result.status,
              headers: result.headers,
              body: result.body,
              truncated: result.truncated,
            },
      error,
      ...(decision.kind === 'retry' ? { retryAt: new Date(decision.at).toISOString() } : {}),
      durationMs: result.durationMs,
    },
  };
  // A batch's answer (often one entry per message) is kept once, in its first run's step, like
  // its request on the delivery: the other runs' steps keep status and headers, and
  // `GET /api/deliveries/:id` gives the whole answer.
  const stepOf = (index: number) =>
    index === 0 || !step.detail.response
      ? step
      : { ...step, detail: { ...step.detail, response: { ...step.detail.response, body: null } } };
  const reported = {
    nodeId: delivery.nodeId,
    attempt: delivery.attempts,
    status: result.status,
    error,
    outcome:
      decision.kind === 'retry'
        ? null
        : decision.kind === 'success'
          ? ('delivered' as const)
          : ('failed' as const),
  };
  if (decision.kind === 'retry') {
    const retry = { id: delivery.id, availableAt: decision.at };
    // The delivery row is rewritten once, by the first run's result, whatever the batch size.
    return runs.map(({ runId }, index) => ({
      runId,
      ...cohort,
      steps: [stepOf(index)],
      attempt: reported,
      ...(index === 0 ? { retry } : {}),
    }));
  }
  const close = {
    id: delivery.id,
    status: decision.kind === 'success' ? ('done' as const) : ('failed' as const),
    error: decision.kind === 'success' ? null : decision.reason,
  };
  return runs.map(({ runId, visit }, index) => ({
    runId,
    ...cohort,
    event:
      decision.kind === 'success'
        ? { type: 'WEBHOOK_DONE', visit, response: response! }
        : { type: 'WEBHOOK_FAILED', visit, error: decision.reason, ...(response ? { response } : {}) },
    steps: [stepOf(index)],
    attempt: reported,
    ...(index === 0 ? { delivery: close } : {}),
  }));
}

function parseJson(delivery: DeliveryRecord, result: SendResult): unknown {
  if (delivery.responseFormat !== 'json' || result.body === '' || result.truncated) return undefined;
  try {
    return JSON.parse(result.body);
  } catch {
    return undefined;
  }
}
