import type {
  Subscription,
  SubscriptionHealth,
  SubscriptionInput,
} from '../../../engine/subscriptions/index.ts';

/** A subscription as stored: what clients see, plus when its last failure alert went. */
export interface SubscriptionRecord extends Subscription {
  /** Epoch ms of the last "subscription failing" alert; null when none went since it last recovered. */
  lastAlertAt: number | null;
}

/** The health of a new subscription, or of one saved again. */
export const HEALTHY: Readonly<SubscriptionHealth> = Object.freeze({
  consecutiveFailures: 0,
  disabledAt: null,
  failingSince: null,
  lastError: null,
  lastFailureAt: null,
  lastSuccessAt: null,
  skipped: 0,
});

/**
 * Event subscriptions. Called by the subscriptions routes, and by every process's subscription
 * index (`list`, whenever the `subscriptions` change stamp moved: creating, saving, deleting one,
 * or its automatic disable). Sending outcomes change health through `NoticeStore.finishAttempt`,
 * in the same transaction as the delivery. All methods required.
 */
export interface SubscriptionStore {
  /** Inserts a new subscription (its id is new). */
  create(record: SubscriptionRecord): Promise<void>;
  /**
   * Replaces what the user set and clears the endpoint's failures, an automatic disable and the
   * alert (seed 001: saving again re-enables); `skipped` and `lastSuccessAt` are kept. Null when
   * the subscription does not exist.
   */
  update(id: string, input: SubscriptionInput, now: string): Promise<SubscriptionRecord | null>;
  get(id: string): Promise<SubscriptionRecord | null>;
  /** By name, then id. */
  list(): Promise<SubscriptionRecord[]>;
  /** Deletes a subscription with its deliveries (sent or not); false when it did not exist. */
  delete(id: string): Promise<boolean>;
  /**
   * Takes the turn to send a "failing" alert: true (and `lastAlertAt` set to `now`) when the
   * subscription is failing or disabled and no alert went in the last `intervalMs`. Only one
   * process wins a turn.
   */
  claimAlert(id: string, turn: { now: number; intervalMs: number }): Promise<boolean>;
}
