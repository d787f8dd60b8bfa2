import type { Subscription, SubscriptionInput } from '../../../engine/subscriptions/subscription-schema.ts';
import { api } from './api-client.ts';
import type { RenderedRequest } from './api-types.ts';

/** One attempt of a subscription delivery, with the answer when one came (body cut at 4 KiB). */
export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
  response: { headers: Record<string, string>; body: string; truncated: boolean } | null;
  retryAt?: string;
  replayed?: boolean;
}

export type DeliveryStatus = 'pending' | 'sending' | 'done' | 'failed';

/** One event sent to a subscription (`GET /api/subscriptions/:id/deliveries`); its id is the webhook-id. */
export interface SubscriptionDelivery {
  id: string;
  eventType: string;
  customerId: string | null;
  status: DeliveryStatus;
  test: boolean;
  nextAttemptAt: string | null;
  request: RenderedRequest;
  attempts: DeliveryAttempt[];
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  /** ISO date-times: created at or after `from`, before `to`. */
  from?: string;
  to?: string;
  before?: string;
}

/** `POST /api/subscriptions/preview`: the sample body, and why it is not JSON when it is not. */
export interface PayloadPreview {
  body: string | null;
  issue: { message: string; line?: number; column?: number } | null;
}

const base = (id: string) => `/api/subscriptions/${encodeURIComponent(id)}`;

function query(filter: DeliveryFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Typed calls to the event subscription endpoints. */
export const subscriptionsApi = {
  list: () => api<{ items: Subscription[] }>('GET', '/api/subscriptions'),
  get: (id: string) => api<Subscription>('GET', base(id)),
  create: (input: SubscriptionInput) => api<Subscription>('POST', '/api/subscriptions', { body: input }),
  update: (id: string, input: SubscriptionInput) => api<Subscription>('PUT', base(id), { body: input }),
  remove: (id: string) => api<null>('DELETE', base(id)),
  preview: (body: { type: string; template?: string }, signal?: AbortSignal) =>
    api<PayloadPreview>('POST', '/api/subscriptions/preview', { body, signal }),
  test: (id: string, type?: string) =>
    api<SubscriptionDelivery>('POST', `${base(id)}/test`, { body: type ? { type } : {} }),
  deliveries: (id: string, filter: DeliveryFilter = {}) =>
    api<{ items: SubscriptionDelivery[]; next: string | null }>(
      'GET',
      `${base(id)}/deliveries${query(filter)}`,
    ),
  replayOne: (id: string, deliveryId: string) =>
    api<{ replayed: string[] }>('POST', `${base(id)}/deliveries/${encodeURIComponent(deliveryId)}/replay`),
  replayFailed: (id: string, range: { from: string; to: string }) =>
    api<{ replayed: string[] }>('POST', `${base(id)}/replay`, { body: range }),
};
