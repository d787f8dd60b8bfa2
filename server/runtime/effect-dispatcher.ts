import type { RunChange } from '../store/ports/store.ts';
import type { WakeTimer } from './wake-timer.ts';

/**
 * Carries out effects once their step is saved: new deliveries wake the delivery worker, new
 * wake times arm the wake timer. Both are also found again from the store after a crash.
 */
export class EffectDispatcher {
  private readonly wakeTimer: WakeTimer;
  private readonly onDeliveries: () => void;

  constructor(options: { wakeTimer: WakeTimer; onDeliveries: () => void }) {
    this.wakeTimer = options.wakeTimer;
    this.onDeliveries = options.onDeliveries;
  }

  async dispatch(changes: readonly RunChange[]): Promise<void> {
    if (changes.some((change) => change.deliveries.length > 0)) this.onDeliveries();
    let earliest = Number.POSITIVE_INFINITY;
    for (const change of changes) {
      if (change.run.status === 'waiting' && change.run.wakeAt !== null)
        earliest = Math.min(earliest, change.run.wakeAt);
    }
    if (earliest !== Number.POSITIVE_INFINITY) await this.wakeTimer.ensure(earliest);
  }
}
