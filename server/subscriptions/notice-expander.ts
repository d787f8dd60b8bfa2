import {
  type EventNotice,
  PayloadTemplateError,
  defaultPayload,
  matchSubscription,
  renderPayload,
  templateContext,
} from '../../engine/subscriptions/index.ts';
import type { TemplateEngine } from '../../engine/template/index.ts';
import { newOrderedId } from '../ids.ts';
import type { Clock } from '../runtime/clock.ts';
import type { ProcessRegistry } from '../runtime/process-registry.ts';
import type { CustomerStore } from '../store/ports/customer-store.ts';
import type { NoticeRecord, NoticeStore, SubscriptionDeliveryRecord } from '../store/ports/notice-store.ts';
import type { SubscriptionRecord } from '../store/ports/subscription-store.ts';

export interface NoticeExpanderOptions {
  notices: NoticeStore;
  customers: CustomerStore;
  /** The subscriptions events go to (the index's active ones, read at each pass). */
  active: () => readonly SubscriptionRecord[];
  /** JSON-output engine for custom templates. */
  payloads: TemplateEngine;
  clock: Clock;
  /** This process: leases name it, and owners that stopped beating lose theirs. */
  registry: Pick<ProcessRegistry, 'id' | 'liveSince'>;
}

/** How long a pass holds its notices; another process takes them over if this one dies. */
const LEASE_MS = 60_000;

/**
 * Turns outbox notices into deliveries: one per event and subscription that wants it (seed 001:
 * events are not grouped), its body rendered now (default payload or the subscription's
 * template) so the delivery log shows what is sent. Removing the notices and inserting their
 * deliveries is one transaction, under the pass's lease.
 */
export class NoticeExpander {
  private readonly options: NoticeExpanderOptions;

  constructor(options: NoticeExpanderOptions) {
    this.options = options;
  }

  /** Expands up to `limit` notices; returns how many it took. */
  async pass(limit: number): Promise<number> {
    const { notices, clock, registry } = this.options;
    const now = clock.now();
    const owner = registry.id;
    const liveSince = registry.liveSince(now);
    const claimed = await notices.claimNotices({ now, limit, leaseMs: LEASE_MS, owner, liveSince });
    if (claimed.length === 0) return 0;
    const subscriptions = this.options.active();
    const customers = await this.customersFor(claimed, subscriptions);
    const deliveries: SubscriptionDeliveryRecord[] = [];
    const skipped: Record<string, number> = {};
    for (const notice of claimed) {
      for (const subscription of subscriptions) {
        const match = matchSubscription(subscription, notice);
        if (match.kind === 'ignore') continue;
        if (match.kind === 'skip') {
          skipped[subscription.id] = (skipped[subscription.id] ?? 0) + 1;
          continue;
        }
        const event = { ...notice, properties: match.properties };
        const customer = notice.customerId ? (customers.get(notice.customerId) ?? null) : null;
        deliveries.push(
          this.delivery({ notice, subscription, event, template: match.event.template, customer, now }),
        );
      }
    }
    await notices.expand({ owner, noticeIds: claimed.map((notice) => notice.id), deliveries, skipped });
    return claimed.length;
  }

  /** The attributes custom templates may read (`customer.*`), as they are now; only when some template exists. */
  private async customersFor(
    claimed: readonly NoticeRecord[],
    subscriptions: readonly SubscriptionRecord[],
  ): Promise<Map<string, Record<string, unknown>>> {
    const templated = subscriptions.some((subscription) =>
      subscription.events.some((event) => event.template),
    );
    if (!templated) return new Map();
    const ids = claimed.flatMap((notice) => (notice.customerId ? [notice.customerId] : []));
    const found = await this.options.customers.getMany(ids);
    return new Map([...found].map(([id, record]) => [id, { ...record.attributes, id }]));
  }

  private delivery(options: {
    notice: NoticeRecord;
    subscription: SubscriptionRecord;
    event: EventNotice;
    template: string | undefined;
    customer: Record<string, unknown> | null;
    now: number;
  }): SubscriptionDeliveryRecord {
    const { notice, subscription, event, now } = options;
    const at = new Date(now).toISOString();
    let body: string;
    let error: string | null = null;
    try {
      body = options.template
        ? renderPayload(this.options.payloads, options.template, templateContext(event, options.customer))
        : JSON.stringify(defaultPayload(event));
    } catch (failure) {
      if (!(failure instanceof PayloadTemplateError)) throw failure;
      body = failure.rendered ?? '';
      error = `not sent: ${failure.message}`;
    }
    const flushMs = subscription.settings.flushSeconds * 1000;
    return {
      id: newOrderedId('msg', now),
      subscriptionId: subscription.id,
      noticeId: notice.id,
      eventType: notice.type,
      customerId: notice.customerId,
      request: {
        method: 'POST',
        url: subscription.url,
        headers: { 'content-type': 'application/json' },
        body,
      },
      // A template that fails for this event's data fails the delivery without a call; the
      // endpoint's health is not at stake.
      status: error ? 'failed' : 'pending',
      attempts: error ? [{ at, status: null, error, durationMs: 0, response: null }] : [],
      attemptCount: 0,
      // Real time, or the next tick of the subscription's flush cadence.
      availableAt: flushMs > 0 ? Math.ceil(now / flushMs) * flushMs : now,
      leaseUntil: null,
      test: false,
      createdAt: at,
      updatedAt: at,
    };
  }
}
