import type { BatchItemRecord } from '../store/ports/batch-item-store.ts';
import type { RunChange } from '../store/ports/store.ts';
import type { WakeTimer } from './wake-timer.ts';

/**
 * Carries out effects once their step is saved: new deliveries wake the delivery worker, new
 * batch items the batcher, new wake times arm the wake timer. All are also found again from
 * the store after a crash.
 */
export class EffectDispatcher {
  private readonly wakeTimer: WakeTimer;
  private readonly onDeliveries: () => void;
  private readonly onBatchItems: (items: BatchItemRecord[]) => void;

  constructor(options: {
    wakeTimer: WakeTimer;
    onDeliveries: () => void;
    onBatchItems: (items: BatchItemRecord[]) => void;
  }) {
    this.wakeTimer = options.wakeTimer;
    this.onDeliveries = options.onDeliveries;
    this.onBatchItems = options.onBatchItems;
  }

  async dispatch(changes: readonly RunChange[]): Promise<void> {
    if (changes.some((change) => change.deliveries.length > 0)) this.onDeliveries();
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
