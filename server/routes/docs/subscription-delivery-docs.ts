import { z } from 'zod';
import { EVENT_TYPE_NAMES } from '../../../engine/subscriptions/index.ts';
import { SentRequestSchema, TimeSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';
import { subscriptionExample, subscriptionNotFound } from './subscription-docs.ts';

const tag = 'Subscriptions';

const DeliverySchema = z.object({
  id: z.string().describe('also the `webhook-id` header of every attempt'),
  eventType: z.enum(EVENT_TYPE_NAMES),
  customerId: z.string().nullable(),
  status: z.enum(['pending', 'sending', 'done', 'failed']),
  test: z.boolean().describe('sent by `POST /api/subscriptions/{id}/test`'),
  nextAttemptAt: TimeSchema.nullable().describe('when a pending delivery is tried next'),
  request: SentRequestSchema,
  attempts: z.array(
    z.object({
      at: TimeSchema,
      status: z.number().int().nullable().describe('the HTTP status answered; null when none was'),
      error: z.string().nullable(),
      durationMs: z.number(),
      response: z
        .object({ headers: z.record(z.string(), z.string()), body: z.string(), truncated: z.boolean() })
        .nullable()
        .optional(),
    }),
  ),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

const delivery = {
  id: 'msg_01k99d34qc0000002in66lqb87',
  eventType: 'webhook.failed',
  customerId: '+33612345678',
  status: 'done',
  test: false,
  nextAttemptAt: null,
  request: {
    method: 'POST',
    url: subscriptionExample.url,
    headers: {
      'user-agent': 'Hookflow/0.1 (+https://github.com/hookflow)',
      'content-type': 'application/json',
      'webhook-id': 'msg_01k99d34qc0000002in66lqb87',
    },
    body: '{"event":"webhook.failed","time":1796685796,"properties":{"scenario_id":"scn_01k99d32jeil2d4njals0k6ha8","node_id":"notify","status":500}}',
  },
  attempts: [
    {
      at: '2026-12-07T23:23:16.172Z',
      status: 200,
      error: null,
      durationMs: 9,
      response: { headers: { 'content-type': 'application/json' }, body: '{"ok":true}', truncated: false },
    },
  ],
  createdAt: '2026-12-07T23:23:16.172Z',
  updatedAt: '2026-12-07T23:23:16.172Z',
};

const deliveryNotFound = { not_found: `delivery "${delivery.id}" does not exist` };

const Replayed = z.object({ replayed: z.array(z.string()).describe('the deliveries queued again') });

export const subscriptionDeliveryDocs = {
  list: {
    tag,
    summary: "List a subscription's deliveries",
    description:
      "The delivery log, newest first: each event sent (or to be sent), its request and every attempt with the answer. Filter by `status` and creation time (`from` inclusive, `to` exclusive, ISO 8601). Paged: `limit` (1–500, default 50), then pass the answer's `next` as `before`.",
    responses: {
      200: {
        description: 'A page of deliveries',
        schema: z.object({
          items: z.array(DeliverySchema),
          next: z
            .string()
            .nullable()
            .describe('pass it as `before` for the next page; null on the last page'),
        }),
        example: { items: [delivery], next: null },
      },
    },
    errors: subscriptionNotFound,
  },
  get: {
    tag,
    summary: 'Get a delivery',
    description: 'One delivery of the subscription with its request and every attempt.',
    responses: { 200: { description: 'The delivery', schema: DeliverySchema, example: delivery } },
    errors: deliveryNotFound,
  },
  replayOne: {
    tag,
    summary: 'Replay a delivery',
    description:
      'Sends a `done` or `failed` delivery again, soon, with the same `webhook-id` (the receiver can tell it is the same event) and a fresh retry budget. A delivery still `pending` or `sending` is refused (409): it is on its way already.',
    responses: {
      202: { description: 'Queued', schema: Replayed, example: { replayed: [delivery.id] } },
    },
    errors: {
      ...deliveryNotFound,
      conflict: `delivery "${delivery.id}" is sending: it is on its way already`,
    },
  },
  replayFailed: {
    tag,
    summary: 'Replay failed deliveries',
    description:
      'Sends again every delivery of the subscription that failed and was created in [`from`, `to`), each with its own `webhook-id`, e.g. after the endpoint was down. Deliveries that did not fail are left alone, so replaying the same range twice does not send a success twice.',
    bodyExample: { from: '2026-12-07T00:00:00Z', to: '2026-12-08T00:00:00Z' },
    responses: {
      202: {
        description: 'Queued',
        schema: Replayed,
        example: { replayed: [delivery.id, 'msg_01k99d3ab80000003kq0h1mb2p'] },
      },
    },
    errors: subscriptionNotFound,
  },
  test: {
    tag,
    summary: 'Send a test event',
    description:
      "Sends one sample event of `type` (the subscription's first event type by default) now, rendered with its template or the default payload for a sample customer; one attempt, logged with `test: true`. A 2xx answer re-enables a subscription disabled by failures. Always 200 once sent: read the attempt's `status` and `error`.",
    bodyExample: { type: 'webhook.failed' },
    responses: {
      200: {
        description: 'The test delivery and its attempt',
        schema: DeliverySchema,
        example: { ...delivery, test: true },
      },
    },
    errors: subscriptionNotFound,
  },
} satisfies Record<string, OperationDocs>;
