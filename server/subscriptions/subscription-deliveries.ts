import {
  PayloadTemplateError,
  SAMPLE_CUSTOMER,
  defaultPayload,
  renderPayload,
  sampleNotice,
  templateContext,
} from '../../engine/subscriptions/index.ts';
import type { TemplateEngine } from '../../engine/template/index.ts';
import { decideRetry, type RenderedRequest } from '../../engine/webhook/index.ts';
import { HookflowError, notFound } from '../errors.ts';
import { USER_AGENT } from '../http/standard-headers.ts';
import type { HttpSender } from '../http/http-sender.ts';
import { newOrderedId } from '../ids.ts';
import type { RequestAuthorizer } from '../integrations/request-authorizer.ts';
import { sendAuthorized } from '../integrations/send-authorized.ts';
import type { Clock } from '../runtime/clock.ts';
import type {
  DeliveryLogQuery,
  NoticeAttempt,
  NoticeStore,
  SubscriptionDeliveryRecord,
} from '../store/ports/notice-store.ts';
import type { SubscriptionRecord, SubscriptionStore } from '../store/ports/subscription-store.ts';
import { attemptRecord, healthChange } from './subscription-sender.ts';

/** One delivery as the log shows it: the request as sent (credentials never), and every attempt. */
export interface DeliveryView {
  id: string;
  eventType: string;
  customerId: string | null;
  status: SubscriptionDeliveryRecord['status'];
  /** Made by "Send test event". */
  test: boolean;
  /** When a pending delivery goes (its next attempt), else null. */
  nextAttemptAt: string | null;
  request: RenderedRequest;
  attempts: NoticeAttempt[];
  createdAt: string;
  updatedAt: string;
}

export interface SubscriptionDeliveriesOptions {
  subscriptions: SubscriptionStore;
  notices: NoticeStore;
  payloads: TemplateEngine;
  sender: HttpSender;
  authorizer: RequestAuthorizer;
  clock: Clock;
  /** A test send re-enabled a subscription, or a replay queued work: act on it at once. */
  changed: () => Promise<void>;
}

/** The delivery log of a subscription, replays, and "Send test event". */
export class SubscriptionDeliveries {
  private readonly options: SubscriptionDeliveriesOptions;

  constructor(options: SubscriptionDeliveriesOptions) {
    this.options = options;
  }

  /** Newest first, filtered by status and creation time; `next` continues the page. */
  async list(query: DeliveryLogQuery): Promise<{ items: DeliveryView[]; next: string | null }> {
    await this.subscription(query.subscriptionId);
    const found = await this.options.notices.listDeliveries(query);
    return {
      items: found.map(view),
      next: found.length === query.limit ? (found.at(-1)?.id ?? null) : null,
    };
  }

  async get(subscriptionId: string, id: string): Promise<DeliveryView> {
    const found = await this.options.notices.getDelivery(id);
    if (!found || found.subscriptionId !== subscriptionId) throw notFound('delivery', id);
    return view(found);
  }

  /** Sends one delivery again (done or failed), with the same webhook-id. */
  async replayOne(subscriptionId: string, id: string): Promise<string[]> {
    const found = await this.get(subscriptionId, id);
    const ids = [id];
    const replayed = await this.options.notices.replay({
      subscriptionId,
      ids,
      now: this.options.clock.now(),
    });
    if (replayed.length === 0) {
      throw new HookflowError('conflict', `delivery "${id}" is ${found.status}: it is on its way already`);
    }
    await this.options.changed();
    return replayed;
  }

  /** Sends every delivery that failed in [from, to) again, each with its webhook-id. */
  async replayFailed(subscriptionId: string, range: { from: string; to: string }): Promise<string[]> {
    await this.subscription(subscriptionId);
    const replayed = await this.options.notices.replay({
      subscriptionId,
      range,
      now: this.options.clock.now(),
    });
    if (replayed.length > 0) await this.options.changed();
    return replayed;
  }

  /**
   * Sends a sample event of `type` now (the subscription's template or the default payload, a
   * sample customer), once, and logs it. A 2xx answer re-enables a subscription disabled by
   * failures (seed 001); a failed test changes nothing else.
   */
  async test(subscriptionId: string, type?: string): Promise<DeliveryView> {
    const subscription = await this.subscription(subscriptionId);
    const eventType = type ?? subscription.events[0]?.type ?? 'run.completed';
    const { clock } = this.options;
    const now = clock.now();
    const at = new Date(now).toISOString();
    const id = newOrderedId('msg', now);
    const request = {
      method: 'POST',
      url: subscription.url,
      headers: { 'content-type': 'application/json' },
      body: this.sampleBody(subscription, eventType, now),
    };
    const result = await sendAuthorized(this.options, {
      request,
      webhookId: id,
      integrationId: subscription.integrationId,
      timeoutMs: subscription.settings.timeoutMs,
    });
    const policy = { ...subscription.settings.retry, maxAttempts: 1 };
    const decision = decideRetry({
      outcome: { ...result, refused: result.refusal !== null },
      policy,
      attempts: 1,
      firstAttemptAt: now,
      now: clock.now(),
    });
    const delivery: SubscriptionDeliveryRecord = {
      id,
      subscriptionId,
      noticeId: 'test',
      eventType,
      customerId: null,
      request,
      status: decision.kind === 'success' ? 'done' : 'failed',
      attempts: [attemptRecord({ result, decision, at: now })],
      attemptCount: 1,
      availableAt: now,
      leaseUntil: null,
      test: true,
      createdAt: at,
      updatedAt: at,
    };
    const good = decision.kind === 'success';
    await this.options.notices.recordTest(
      delivery,
      good ? { ...healthChange(decision, at), reenable: true } : undefined,
    );
    if (good) await this.options.changed();
    return view(delivery);
  }

  private sampleBody(subscription: SubscriptionRecord, type: string, now: number): string {
    const notice = sampleNotice(type, now);
    const template = subscription.events.find((event) => event.type === type)?.template;
    if (!template) return JSON.stringify(defaultPayload(notice));
    try {
      return renderPayload(this.options.payloads, template, templateContext(notice, SAMPLE_CUSTOMER));
    } catch (error) {
      if (error instanceof PayloadTemplateError) throw new HookflowError('bad_request', error.message);
      throw error;
    }
  }

  private async subscription(id: string): Promise<SubscriptionRecord> {
    return (await this.options.subscriptions.get(id)) ?? Promise.reject(notFound('subscription', id));
  }
}

/** The log's view: the standard headers every attempt carries are shown, credentials never were stored. */
function view(delivery: SubscriptionDeliveryRecord): DeliveryView {
  return {
    id: delivery.id,
    eventType: delivery.eventType,
    customerId: delivery.customerId,
    status: delivery.status,
    test: delivery.test,
    nextAttemptAt: delivery.status === 'pending' ? new Date(delivery.availableAt).toISOString() : null,
    request: {
      ...delivery.request,
      headers: { 'user-agent': USER_AGENT, ...delivery.request.headers, 'webhook-id': delivery.id },
    },
    attempts: delivery.attempts,
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
  };
}
