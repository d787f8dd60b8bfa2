import type { BatchItemRecord } from '../store/ports/batch-item-store.ts';
import type { DeliveryRecord } from '../store/ports/delivery-store.ts';
import type { RunRecord } from '../store/ports/run-store.ts';
import type { CohortCommit, RunChange } from '../store/ports/store.ts';
import type { WakeTimer } from './wake-timer.ts';

/**
 * Carries out effects once their step is saved: deliveries leased to this process go to its
 * worker with their runs, other new deliveries wake it, new batch items the batcher, new events
 * the subscription notifier, new wake times arm the wake timer. All are also found again from
 * the store after a crash.
 */
export class EffectDispatcher {
  private readonly wakeTimer: WakeTimer;
  private readonly onDeliveries: (leased: DeliveryRecord[], runs: RunRecord[]) => void;
  private readonly onBatchItems: (items: BatchItemRecord[]) => void;
  private readonly onNotices: () => void;

  constructor(options: {
    wakeTimer: WakeTimer;
    /** New deliveries were saved; `leased` are those saved leased to this process (see `DeliveryHandoff`). */
    onDeliveries: (leased: DeliveryRecord[], runs: RunRecord[]) => void;
    onBatchItems: (items: BatchItemRecord[]) => void;
    /** Saved steps carried events for subscriptions. */
    onNotices?: () => void;
  }) {
    this.wakeTimer = options.wakeTimer;
    this.onDeliveries = options.onDeliveries;
    this.onBatchItems = options.onBatchItems;
    this.onNotices = options.onNotices ?? (() => {});
  }

  /** `cohorts`: new cohorts saved with the changes (their requests wait to be claimed). */
  async dispatch(changes: readonly RunChange[], cohorts: readonly CohortCommit[] = []): Promise<void> {
    const leased: DeliveryRecord[] = [];
    const runs: RunRecord[] = [];
    let saved = false;
    for (const cohort of cohorts) {
      saved ||= cohort.deliveries.length > 0;
      leased.push(...cohort.deliveries.filter((delivery) => delivery.status === 'sending'));
    }
    for (const change of changes) {
      if (change.deliveries.length === 0) continue;
      saved = true;
      const ours = change.deliveries.filter((delivery) => delivery.status === 'sending');
      if (ours.length === 0) continue;
      leased.push(...ours);
      runs.push(change.run);
    }
    if (saved) this.onDeliveries(leased, runs);
    if (changes.some((change) => change.notices?.length)) this.onNotices();
    const items = changes.flatMap((change) => change.batchItems ?? []);
    if (items.length > 0) this.onBatchItems(items);
    let earliest = Number.POSITIVE_INFINITY;
    for (const change of changes) {
      if (change.run.status === 'waiting' && change.run.wakeAt !== null)
        earliest = Math.min(earliest, change.run.wakeAt);
    }
    if (earliest !== Number.POSITIVE_INFINITY) await this.wakeTimer.ensure(earliest);
  }
}
