import { z } from 'zod';
import { SubscriptionInputSchema } from '../../../engine/subscriptions/index.ts';
import { TimeSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';

const tag = 'Subscriptions';

export const SubscriptionSchema = SubscriptionInputSchema.extend({
  id: z.string(),
  health: z
    .object({
      consecutiveFailures: z.number().int(),
      disabledAt: TimeSchema.nullable().describe('set when 10 failed calls in a row disabled it'),
      failingSince: TimeSchema.nullable(),
      lastError: z.string().nullable(),
      lastFailureAt: TimeSchema.nullable(),
      lastSuccessAt: TimeSchema.nullable(),
      skipped: z.number().int().describe('events not sent for lack of an `external_message_id`'),
    })
    .describe('kept by the server, read-only'),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

const input = {
  name: 'Warehouse',
  url: 'https://warehouse.example.com/hookflow',
  integrationId: 'int_01k99d33ia3cd3rspsiq48e1cl',
  events: [
    { type: 'webhook.failed', channels: ['whatsapp', 'sms'] },
    { type: 'customer.attributes_changed' },
  ],
  settings: { timeoutMs: 5000, flushSeconds: 0, attributeKeys: ['email_opt_in'] },
};

const retry = { maxAttempts: 5, maxTotalMs: 3600000, initialDelayMs: 1000, maxDelayMs: 600000 };

export const subscriptionExample = {
  id: 'sub_01k99d34p1ofmm0mp8sppcmrk3',
  name: 'Warehouse',
  url: 'https://warehouse.example.com/hookflow',
  integrationId: 'int_01k99d33ia3cd3rspsiq48e1cl',
  events: [
    { type: 'webhook.failed', channels: ['whatsapp', 'sms'] },
    {
      type: 'customer.attributes_changed',
      channels: ['sms', 'whatsapp', 'rcs', 'email', 'push', 'chat', 'crm', 'webhook'],
    },
  ],
  settings: {
    externalMessageIdRequired: false,
    timeoutMs: 5000,
    flushSeconds: 0,
    retry,
    attributeKeys: ['email_opt_in'],
    excludeSources: [],
  },
  enabled: true,
  health: {
    consecutiveFailures: 0,
    disabledAt: null,
    failingSince: null,
    lastError: null,
    lastFailureAt: null,
    lastSuccessAt: '2026-12-07T23:40:02.118Z',
    skipped: 0,
  },
  createdAt: '2026-12-07T23:23:16.129Z',
  updatedAt: '2026-12-07T23:23:16.129Z',
};

export const subscriptionNotFound = { not_found: `subscription "${subscriptionExample.id}" does not exist` };
const refused = {
  validation_failed:
    'url: http://warehouse.example.com/hookflow is plain http: use https, or have the operator list warehouse.example.com in HOOKFLOW_EGRESS_ALLOW',
};

const writeRules =
  'Checked before saving, every problem reported at once: the URL must be https (or a host the operator allows) and callable under the egress policy, templates must render, the integration must exist (400 `validation_failed`).';

export const subscriptionDocs = {
  list: {
    tag,
    summary: 'List subscriptions',
    description: 'Every subscription by name, with its endpoint health.',
    responses: {
      200: {
        description: 'The subscriptions',
        schema: z.object({ items: z.array(SubscriptionSchema) }),
        example: { items: [subscriptionExample] },
      },
    },
  },
  create: {
    tag,
    summary: 'Create a subscription',
    description: [
      'From now on, every event of the chosen `events` types is POSTed as JSON to `url`, one request per event, signed or authenticated by the integration `integrationId` (none when null) and carrying a `webhook-id` that stays the same across retries (deduplicate on it). Events are written in the same transaction as the change they report, so none is lost; failed calls are retried by `settings.retry`. After 10 failed calls in a row the subscription is disabled and, with `settings.alert`, an alert is POSTed until it recovers.',
      '',
      `${writeRules} Not idempotent.`,
    ].join('\n'),
    bodyExample: input,
    responses: {
      201: {
        description: 'The subscription as saved',
        schema: SubscriptionSchema,
        example: subscriptionExample,
      },
    },
    errors: refused,
  },
  preview: {
    tag,
    summary: 'Preview a payload template',
    description:
      'Renders a payload template (or, without `template`, the default `{ event, time, properties }` payload) for a sample event of `type` and a sample customer, as a delivery would send it, and says why it is not JSON (`issue`, with line and column when the fault is in the template). Nothing is saved or sent; always 200: read `issue`. Saving a subscription makes the same check.',
    bodyExample: {
      type: 'webhook.failed',
      template: '{"text": "{{ properties.node_id }} failed with {{ properties.status }}"}',
    },
    responses: {
      200: {
        description: 'The body it would send, and what is wrong with it',
        schema: z.object({
          body: z.string().nullable(),
          issue: z
            .object({
              message: z.string(),
              line: z.number().int().optional(),
              column: z.number().int().optional(),
            })
            .nullable(),
        }),
        example: { body: '{"text": "notify failed with 500"}', issue: null },
      },
    },
    store: 'none',
  },
  get: {
    tag,
    summary: 'Get a subscription',
    description:
      'The subscription with its settings and endpoint health (failures in a row, last error, when it was disabled).',
    responses: {
      200: { description: 'The subscription', schema: SubscriptionSchema, example: subscriptionExample },
    },
    errors: subscriptionNotFound,
  },
  update: {
    tag,
    summary: 'Replace a subscription',
    description: `Replaces every field; saving clears an automatic disable. Deliveries already made keep their request. ${writeRules} Idempotent.`,
    bodyExample: input,
    responses: {
      200: {
        description: 'The subscription as saved',
        schema: SubscriptionSchema,
        example: subscriptionExample,
      },
    },
    errors: { ...refused, ...subscriptionNotFound },
  },
  delete: {
    tag,
    summary: 'Delete a subscription',
    description: 'Deletes the subscription and its delivery log; pending deliveries are not sent.',
    responses: { 204: { description: 'Deleted' } },
    errors: subscriptionNotFound,
  },
} satisfies Record<string, OperationDocs>;
