import type { Logger } from 'pino';
import type { RunEvent } from '../../engine/run/index.ts';
import type { RunStepRecord } from '../store/ports/run-store.ts';
import type { CohortCommit, CommitBatch, DeliveryClose, RunChange, Store } from '../store/ports/store.ts';
import type { CohortStepper } from './cohort-stepper.ts';
import type { EffectDispatcher } from './effect-dispatcher.ts';
import type { RecentRuns } from './recent-runs.ts';
import { TimeSlice } from './time-slice.ts';
import type { RunStepper } from './run-stepper.ts';
import type { ScenarioCatalog } from './scenario-catalog.ts';
import type { WebhookAttempt } from '../subscriptions/run-notices.ts';
import type { SubscriptionIndex } from '../subscriptions/subscription-index.ts';

/** A result to feed to a saved run. */
export interface RunResult {
  /** The run's id, or the cohort's when `cohort` is set (a cohort's batch request answers it whole). */
  runId: string;
  cohort?: true;
  event: RunEvent;
  /** History entries that describe the result (e.g. the webhook attempt), saved with the step. */
  steps?: Omit<RunStepRecord, 'runId' | 'seq'>[];
  /** The delivery that produced the result, closed in the same transaction (a batch's: on its first run). */
  delivery?: DeliveryClose;
  /** The webhook attempt this result reports (for webhook.* events). */
  attempt?: WebhookAttempt;
}

/** A failed attempt that will be retried: recorded in the run's history, the run stays put. */
export interface RetryResult {
  runId: string;
  cohort?: true;
  steps: Omit<RunStepRecord, 'runId' | 'seq'>[];
  /** The delivery to send again; a batch's results carry it once, on its first run. */
  retry?: { id: string; availableAt: number };
  /** The webhook attempt this result reports (for webhook.* events). */
  attempt?: WebhookAttempt;
}

const MAX_CONFLICT_RETRIES = 5;

/**
 * Feeds results to saved runs, many at once: one store transaction for the whole group, then
 * the effects are dispatched. A run saved concurrently by someone else is re-read and retried.
 */
export class RunResumer {
  private readonly store: Store;
  private readonly catalog: ScenarioCatalog;
  private readonly stepper: RunStepper;
  private readonly dispatcher: EffectDispatcher;
  private readonly logger: Logger;
  private readonly recent: RecentRuns | undefined;
  private readonly subscriptions: Pick<SubscriptionIndex, 'customerWatch'> | null;
  private readonly cohorts: CohortStepper;

  constructor(options: {
    store: Store;
    catalog: ScenarioCatalog;
    stepper: RunStepper;
    dispatcher: EffectDispatcher;
    logger: Logger;
    /** Runs saved by this process lately, read instead of the store when a result comes. */
    recent?: RecentRuns;
    /** Decides the customer events of set-attributes writes (none without it). */
    subscriptions?: Pick<SubscriptionIndex, 'customerWatch'>;
    /** Carries cohorts through the results of their batch requests. */
    cohorts: CohortStepper;
  }) {
    this.subscriptions = options.subscriptions ?? null;
    this.store = options.store;
    this.catalog = options.catalog;
    this.stepper = options.stepper;
    this.dispatcher = options.dispatcher;
    this.logger = options.logger;
    this.recent = options.recent;
    this.cohorts = options.cohorts;
  }

  /** `alongside` is saved in the same transaction as the first round of results. */
  async apply(
    results: readonly (RunResult | RetryResult)[],
    alongside: Pick<CommitBatch, 'dropBatchItems'> = {},
  ): Promise<void> {
    let pending = results;
    let extra = alongside;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > MAX_CONFLICT_RETRIES) {
        this.logger.error(
          { runs: pending.map((result) => result.runId) },
          'gave up after repeated save conflicts',
        );
        return;
      }
      pending = await this.applyOnce(pending, extra);
      extra = {};
    }
  }

  /** Returns the results that hit a save conflict and must be retried. */
  private async applyOnce(
    results: readonly (RunResult | RetryResult)[],
    alongside: Pick<CommitBatch, 'dropBatchItems'>,
  ): Promise<(RunResult | RetryResult)[]> {
    const changes: RunChange[] = [];
    const cohorts: CohortCommit[] = [];
    const orphans: DeliveryClose[] = [];
    const slice = new TimeSlice();
    for (const result of results) {
      await slice.maybeYield();
      const change = result.cohort ? await this.cohortChangeFor(result) : await this.changeFor(result);
      if (change && 'cohort' in change) {
        cohorts.push(change.cohort);
        changes.push(...change.runs);
      } else if (change) changes.push(change);
      else if (!('event' in result)) {
        if (result.retry) orphans.push({ id: result.retry.id, status: 'failed' });
      } else if (result.delivery) orphans.push(result.delivery);
    }
    const watch = changes.some((change) => change.customerAttributes)
      ? this.subscriptions?.customerWatch()
      : undefined;
    const outcome = await this.store.commit({
      ...alongside,
      flush: 'later',
      ...(watch ? { watch } : {}),
      runs: changes,
      cohorts,
      closeDeliveries: orphans,
      now: new Date().toISOString(),
    });
    const conflicts = new Set(outcome.conflicts);
    await this.dispatcher.dispatch(changes.filter((change) => !conflicts.has(change.run.id)));
    return results.filter((result) => conflicts.has(result.runId));
  }

  /** A cohort's change for the result of its batch request (see `CohortStepper`). */
  private async cohortChangeFor(
    result: RunResult | RetryResult,
  ): Promise<{ cohort: CohortCommit; runs: RunChange[] } | null> {
    const cohort = await this.store.cohorts.get(result.runId);
    if (!cohort || cohort.status !== 'running') return null;
    // The worker does not know how many customers a cohort's request carried.
    const steps = (result.steps ?? []).map((step) =>
      step.detail['batch']
        ? { ...step, detail: { ...step.detail, batch: { size: cohort.customerIds.length } } }
        : step,
    );
    if (!('event' in result)) return { cohort: this.cohorts.annotate(cohort, steps, result.retry), runs: [] };
    const compiled = await this.catalog.get(cohort.scenarioId, cohort.version);
    if (!compiled) {
      this.logger.warn({ cohortId: cohort.id }, 'scenario version of a cohort no longer exists');
      return null;
    }
    const outcome = await this.cohorts.resume({ compiled, cohort, event: result.event, steps });
    if (outcome && result.delivery) outcome.cohort.closeDelivery = result.delivery;
    return outcome;
  }

  private async changeFor(result: RunResult | RetryResult): Promise<RunChange | null> {
    const run = this.recent?.take(result.runId) ?? (await this.store.runs.get(result.runId));
    if (!run || run.status === 'completed' || run.status === 'failed') return null;
    if (!('event' in result)) {
      const compiled = result.attempt ? await this.catalog.get(run.scenarioId, run.version) : null;
      const webhook = compiled && result.attempt ? { compiled, attempt: result.attempt } : undefined;
      const change = this.stepper.annotate(run, result.steps, webhook);
      return result.retry ? { ...change, retryDelivery: result.retry } : change;
    }
    const compiled = await this.catalog.get(run.scenarioId, run.version);
    if (!compiled) {
      this.logger.warn({ runId: run.id }, 'scenario version of a run no longer exists');
      return null;
    }
    const change = this.stepper.resume({
      compiled,
      run,
      event: result.event,
      ...(result.steps ? { steps: result.steps } : {}),
      ...(result.attempt ? { attempt: result.attempt } : {}),
    });
    if (change && result.delivery) change.closeDelivery = result.delivery;
    return change;
  }
}
