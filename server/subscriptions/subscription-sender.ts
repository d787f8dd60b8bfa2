import type { Logger } from 'pino';
import { DISABLE_AFTER_FAILURES } from '../../engine/subscriptions/index.ts';
import { type RetryDecision, decideRetry } from '../../engine/webhook/index.ts';
import type { HttpSender, SendResult } from '../http/http-sender.ts';
import type { RequestAuthorizer } from '../integrations/request-authorizer.ts';
import { sendAuthorized } from '../integrations/send-authorized.ts';
import type { Clock } from '../runtime/clock.ts';
import type { ProcessRegistry } from '../runtime/process-registry.ts';
import type {
  HealthChange,
  NoticeAttempt,
  NoticeStore,
  SubscriptionDeliveryRecord,
} from '../store/ports/notice-store.ts';
import type { SubscriptionRecord } from '../store/ports/subscription-store.ts';

export interface SubscriptionSenderOptions {
  notices: NoticeStore;
  /** The subscriptions as last read, by id (their integration, timeout and retry policy). */
  subscription: (id: string) => SubscriptionRecord | undefined;
  /** Active subscriptions: only their deliveries are claimed (a disabled one's wait). */
  activeIds: () => readonly string[];
  sender: HttpSender;
  authorizer: RequestAuthorizer;
  clock: Clock;
  logger: Logger;
  /** This process: leases name it, and owners that stopped beating lose theirs. */
  registry: Pick<ProcessRegistry, 'id' | 'liveSince'>;
  /** Calls in flight at once (default 16): subscriptions never crowd out scenario webhooks. */
  concurrency?: number;
  /** Told when an attempt disabled its subscription. */
  onDisabled?: (subscriptionId: string) => void;
}

/** A lease long enough for one call (timeouts are at most 30 s) and the save after it. */
const LEASE_MS = 60_000;

/** The answer kept in the delivery log is cut here: enough to debug, small enough to keep. */
const LOGGED_BODY = 4096;

/**
 * Sends subscription deliveries: claims those due under a lease, makes one call each through the
 * same sender, egress guard, integration credentials and retry policy as scenario webhooks
 * (the same `webhook-id` every attempt), and records every attempt with the subscription's health.
 */
export class SubscriptionSender {
  private readonly options: Required<Omit<SubscriptionSenderOptions, 'onDisabled'>> &
    Pick<SubscriptionSenderOptions, 'onDisabled'>;
  private inFlight = 0;
  private readonly idle = new Set<() => void>();

  constructor(options: SubscriptionSenderOptions) {
    this.options = { concurrency: 16, ...options };
  }

  /** Claims as many due deliveries as there are free slots and starts them; returns how many. */
  async pass(): Promise<number> {
    const free = this.options.concurrency - this.inFlight;
    if (free <= 0) return 0;
    const { notices, clock, registry } = this.options;
    const now = clock.now();
    const claimed = await notices.claimDeliveries({
      now,
      limit: free,
      leaseMs: LEASE_MS,
      owner: registry.id,
      liveSince: registry.liveSince(now),
      subscriptionIds: this.options.activeIds(),
    });
    for (const delivery of claimed) this.start(delivery);
    return claimed.length;
  }

  /** Whether every slot is taken. */
  full(): boolean {
    return this.inFlight >= this.options.concurrency;
  }

  /** Resolves once the calls in flight are recorded. */
  async drain(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.add(resolve));
  }

  private start(delivery: SubscriptionDeliveryRecord): void {
    this.inFlight += 1;
    this.attempt(delivery)
      .catch((error: unknown) =>
        // The lease lapses and the delivery is tried again (same webhook-id).
        this.options.logger.error({ err: error, deliveryId: delivery.id }, 'subscription delivery crashed'),
      )
      .finally(() => {
        this.inFlight -= 1;
        for (const resolve of this.idle) resolve();
        this.idle.clear();
      });
  }

  private async attempt(delivery: SubscriptionDeliveryRecord): Promise<void> {
    const { clock, notices, logger } = this.options;
    const owner = this.options.registry.id;
    const subscription = this.options.subscription(delivery.subscriptionId);
    if (!subscription) return; // Deleted meanwhile: its deliveries went with it.
    const started = clock.now();
    const result = await sendAuthorized(this.options, {
      request: delivery.request,
      webhookId: delivery.id,
      integrationId: subscription.integrationId,
      timeoutMs: subscription.settings.timeoutMs,
    });
    const now = clock.now();
    const series = delivery.attempts.slice(delivery.attempts.length - delivery.attemptCount);
    const decision = decideRetry({
      outcome: { ...result, refused: result.refusal !== null },
      policy: subscription.settings.retry,
      attempts: delivery.attemptCount + 1,
      firstAttemptAt: series[0] ? Date.parse(series[0].at) : started,
      now,
    });
    const replayed = delivery.attemptCount === 0 && delivery.attempts.length > 0;
    const finished = await notices.finishAttempt({
      id: delivery.id,
      owner,
      attempt: attemptRecord({ result, decision, at: started, replayed }),
      outcome:
        decision.kind === 'success'
          ? { kind: 'done' }
          : decision.kind === 'retry'
            ? { kind: 'retry', at: decision.at }
            : { kind: 'failed' },
      health: healthChange(decision, new Date(now).toISOString()),
    });
    const fields = { subscriptionId: subscription.id, deliveryId: delivery.id, status: result.status };
    if (decision.kind !== 'success')
      logger.info(
        { ...fields, reason: decision.reason, outcome: decision.kind },
        'subscription delivery failed',
      );
    if (finished?.disabled) {
      logger.warn(
        { subscriptionId: subscription.id, failures: DISABLE_AFTER_FAILURES },
        'subscription disabled after repeated failed calls; save it again or send a test event to re-enable it',
      );
      this.options.onDisabled?.(subscription.id);
    }
  }
}

/** How an attempt's outcome changes the subscription's health. */
export function healthChange(decision: RetryDecision, now: string): HealthChange {
  return {
    success: decision.kind === 'success',
    error: decision.kind === 'success' ? null : decision.reason,
    gaveUp: decision.kind === 'fail',
    disableAfter: DISABLE_AFTER_FAILURES,
    now,
  };
}

/** One attempt as the delivery log keeps it. */
export function attemptRecord(options: {
  result: SendResult;
  decision: RetryDecision;
  at: number;
  replayed?: boolean;
}): NoticeAttempt {
  const { result, decision } = options;
  return {
    at: new Date(options.at).toISOString(),
    status: result.status,
    error: decision.kind === 'success' ? null : decision.reason,
    durationMs: result.durationMs,
    response:
      result.status === null
        ? null
        : {
            headers: result.headers,
            body: result.body.slice(0, LOGGED_BODY),
            truncated: result.truncated || result.body.length > LOGGED_BODY,
          },
    ...(decision.kind === 'retry' ? { retryAt: new Date(decision.at).toISOString() } : {}),
    ...(options.replayed ? { replayed: true } : {}),
  };
}
