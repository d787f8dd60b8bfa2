import type { ChangeSource, EventNotice } from '../../../engine/subscriptions/index.ts';
import type { RenderedRequest } from '../../../engine/webhook/index.ts';

/**
 * One of Hookflow's own events, before the store gives it an id: written by `Store.commit` (and
 * the few other writes that cause events) in the transaction of what caused it.
 */
export interface NoticeDraft extends EventNotice {
  /** The customer it concerns (one customer's events are sent in order); null for scenario events. */
  customerId: string | null;
}

/** An event in the outbox, waiting to be turned into one delivery per subscription that wants it. */
export interface NoticeRecord extends NoticeDraft {
  /** Time-ordered: notices of one customer are expanded, and so sent, in id order. */
  id: string;
}

/**
 * Customer events (`customer.created`, `customer.returned`, `customer.attributes_changed`)
 * are decided by the store from what it holds, in the transaction of the write: `types` are
 * those some enabled subscription wants (none: the write costs what it did before).
 */
export interface CustomerNoticeWatch {
  types: readonly string[];
  /** Epoch ms of the write (the 24 h rule of customer.returned counts from it). */
  now: number;
}

/** Why a customer write happened, as `customer.*` events report it. */
export interface CustomerWriteCause {
  /** Reported as `source` (null when absent: writes nobody watches need not say). */
  source?: ChangeSource;
  /** The customer's own activity (an event): may fire customer.returned. */
  activity?: { triggerId: string; externalMessageId: unknown };
}

/** One call to a subscription's endpoint, as the delivery log shows it. */
export interface NoticeAttempt {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** The answer (body cut at 4 KiB), when one came. */
  response: { headers: Record<string, string>; body: string; truncated: boolean } | null;
  /** Set when another attempt follows at this time. */
  retryAt?: string;
  /** A replay started this attempt's series again. */
  replayed?: boolean;
}

/** One event for one subscription: the request (its id is the stable `webhook-id`) and its attempts. */
export interface SubscriptionDeliveryRecord {
  id: string;
  subscriptionId: string;
  noticeId: string;
  eventType: string;
  customerId: string | null;
  /** As rendered; credentials and the standard headers are added at each attempt. */
  request: RenderedRequest;
  /** pending: to send at `availableAt`; sending: leased; done: answered 2xx; failed: given up. */
  status: 'pending' | 'sending' | 'done' | 'failed';
  attempts: NoticeAttempt[];
  /** Attempts since it was created or last replayed (what the retry policy counts). */
  attemptCount: number;
  availableAt: number;
  leaseUntil: number | null;
  /** Made by "Send test event", not by an event. */
  test: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What an attempt leads to. */
export type AttemptOutcome = { kind: 'done' } | { kind: 'failed' } | { kind: 'retry'; at: number };

/** How an attempt changes its subscription's health (applied in the attempt's transaction). */
export interface HealthChange {
  success: boolean;
  error: string | null;
  /** The delivery failed for good: the subscription is failing (alerts start). */
  gaveUp: boolean;
  /** Failed calls in a row that disable the subscription. */
  disableAfter: number;
  /** A success that also lifts an automatic disable (a good "Send test event", seed 001). */
  reenable?: boolean;
  now: string;
}

/** A claim: leases until `now + leaseMs` in `owner`'s name, taking over leases whose owner stopped beating before `liveSince`. */
export interface LeaseOptions {
  now: number;
  limit: number;
  leaseMs: number;
  owner: string;
  liveSince: number;
}

export interface ExpandOptions {
  owner: string;
  noticeIds: readonly string[];
  deliveries: readonly SubscriptionDeliveryRecord[];
  /** Events held back per subscription (external_message_id required). */
  skipped: Readonly<Record<string, number>>;
}

export interface FinishAttemptOptions {
  id: string;
  owner: string;
  attempt: NoticeAttempt;
  outcome: AttemptOutcome;
  health: HealthChange;
}

/** Failed ones created in `range`, or those of `ids` (done or failed). */
export interface ReplayOptions {
  subscriptionId: string;
  ids?: readonly string[];
  range?: { from: string; to: string };
  now: number;
}

export interface DeliveryLogQuery {
  subscriptionId: string;
  status?: SubscriptionDeliveryRecord['status'];
  /** ISO times: created at or after `from`, before `to`. */
  from?: string;
  to?: string;
  limit: number;
  /** Id of the last delivery of the previous page (newest first). */
  before?: string;
}

/**
 * The outbox of event subscriptions. Notices come in through `Store.commit` (and the writes
 * that take `notices`); the notifier of any process leases them, expands them into deliveries,
 * leases those and records each attempt. Every lease names its owner (a process id of the
 * process registry) and has an end: it no longer holds once it ran out or its owner stopped
 * beating (`liveSince`: the heartbeat cut-off), so another process takes the work over. All
 * methods required.
 */
export interface NoticeStore {
  /** Leases up to `limit` notices not leased by a live owner, oldest first. */
  claimNotices(options: LeaseOptions): Promise<NoticeRecord[]>;
  /**
   * In one transaction: removes the notices `owner` still holds among `noticeIds`, inserts the
   * deliveries made from those (others are dropped: another process expanded them) and adds
   * `skipped` to each subscription's skipped count. Returns how many notices it removed.
   */
  expand(options: ExpandOptions): Promise<number>;
  /**
   * Leases up to `limit` deliveries of these subscriptions that are due (pending and available,
   * or leased by an owner whose lease ran out or who stopped beating), oldest first, keeping each
   * customer's order within a subscription: a delivery waits while an older one of the same
   * customer is pending for the first time or being sent (a lapsed one is due again and goes
   * first). A subscription with failed calls in a row gets one call at a time until one succeeds.
   * Deliveries of other subscriptions (disabled ones) stay as they are.
   */
  claimDeliveries(
    options: LeaseOptions & { subscriptionIds: readonly string[] },
  ): Promise<SubscriptionDeliveryRecord[]>;
  /** Hands back what `owner` holds (a clean stop): notices and deliveries are free at once. */
  release(owner: string): Promise<void>;
  /**
   * Records an attempt of a delivery `owner` holds, and its subscription's health, in one
   * transaction. Null when the lease was lost (another process took the delivery): nothing is
   * written. Otherwise whether this attempt disabled the subscription.
   */
  finishAttempt(options: FinishAttemptOptions): Promise<{ disabled: boolean } | null>;
  /** Inserts a closed delivery (a test send), with its health change when it has one. */
  recordTest(delivery: SubscriptionDeliveryRecord, health?: HealthChange): Promise<void>;
  getDelivery(id: string): Promise<SubscriptionDeliveryRecord | null>;
  /** A subscription's deliveries, newest first. */
  listDeliveries(query: DeliveryLogQuery): Promise<SubscriptionDeliveryRecord[]>;
  /**
   * Sends failed deliveries again with the same id (`webhook-id`): those of `ids`, or every
   * failed one created in [from, to). They become pending now, their attempt count starts over
   * and their history is kept. Returns the ids replayed.
   */
  replay(options: ReplayOptions): Promise<string[]>;
}
