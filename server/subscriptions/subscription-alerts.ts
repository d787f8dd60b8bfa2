import type { Logger } from 'pino';
import { withStandardHeaders } from '../http/standard-headers.ts';
import type { HttpSender } from '../http/http-sender.ts';
import { newOrderedId } from '../ids.ts';
import type { Clock } from '../runtime/clock.ts';
import type { SubscriptionRecord, SubscriptionStore } from '../store/ports/subscription-store.ts';

/** Alerts wait this long for an answer; one that fails is not retried (the next turn comes). */
const ALERT_TIMEOUT_MS = 5000;

/**
 * Notify on error (seed 003): while a subscription keeps failing (a delivery failed for good, or
 * it was disabled), a `subscription.failing` alert is POSTed to its alert URL every
 * `intervalMinutes` until it recovers. Each turn is claimed in the store, so several processes
 * send one alert, not one each.
 */
export class SubscriptionAlerts {
  private readonly options: {
    store: SubscriptionStore;
    sender: HttpSender;
    clock: Clock;
    logger: Logger;
  };

  constructor(options: SubscriptionAlerts['options']) {
    this.options = options;
  }

  /** Sends the alerts that are due; returns how many went out. */
  async pass(): Promise<number> {
    const { store, clock } = this.options;
    let sent = 0;
    // Read afresh: failures change health without moving the subscriptions' stamp.
    for (const subscription of await store.list()) {
      const alert = subscription.settings.alert;
      const { failingSince, disabledAt } = subscription.health;
      if (!alert || (!failingSince && !disabledAt)) continue;
      const now = clock.now();
      const intervalMs = alert.intervalMinutes * 60_000;
      if (subscription.lastAlertAt !== null && now - subscription.lastAlertAt < intervalMs) continue;
      if (!(await store.claimAlert(subscription.id, { now, intervalMs }))) continue;
      await this.send(subscription, alert.url, now);
      sent += 1;
    }
    return sent;
  }

  private async send(subscription: SubscriptionRecord, url: string, now: number): Promise<void> {
    const { health } = subscription;
    const body = JSON.stringify({
      event: 'subscription.failing',
      time: Math.floor(now / 1000),
      properties: {
        subscription_id: subscription.id,
        subscription_name: subscription.name,
        url: subscription.url,
        disabled: health.disabledAt !== null,
        disabled_at: health.disabledAt,
        failing_since: health.failingSince ?? health.disabledAt,
        consecutive_failures: health.consecutiveFailures,
        last_error: health.lastError,
        last_failure_at: health.lastFailureAt,
      },
    });
    const request = withStandardHeaders(
      { method: 'POST', url, headers: { 'content-type': 'application/json' }, body },
      newOrderedId('msg', now),
    );
    const result = await this.options.sender.send(request, ALERT_TIMEOUT_MS);
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const fields = { subscriptionId: subscription.id, status: result.status };
    if (ok) this.options.logger.info(fields, 'subscription failing alert sent');
    else
      this.options.logger.warn(
        { ...fields, error: result.error },
        'subscription failing alert could not be sent',
      );
  }
}
