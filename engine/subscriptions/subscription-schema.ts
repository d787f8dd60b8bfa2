import { z } from 'zod';
import { CHANNELS } from '../scenario/channels.ts';
import { RetryPolicySchema } from '../scenario/webhook-config-schema.ts';
import { CHANGE_SOURCES, EVENT_TYPE_NAMES } from './event-catalog.ts';

/** A custom payload template; rendered with JSON output, so missing data is `null`. */
export const MAX_TEMPLATE_LENGTH = 100_000;

/** One event type a subscription receives, on which channels, and in which shape. */
export const SubscribedEventSchema = z.object({
  type: z.enum(EVENT_TYPE_NAMES),
  /**
   * For webhook events: the channels whose nodes it reports (all by default). Other event types
   * have no channel and ignore it.
   */
  channels: z
    .array(z.enum(CHANNELS))
    .min(1, 'tick at least one channel')
    .max(CHANNELS.length)
    .default([...CHANNELS]),
  /**
   * A JSON template of the request body (sandboxed Nunjucks): every `{{ value }}` is written as
   * JSON, `null` when there is no data. Absent: the default `{ event, time, properties }` payload.
   */
  template: z.string().trim().min(1).max(MAX_TEMPLATE_LENGTH).optional(),
});
export type SubscribedEvent = z.infer<typeof SubscribedEventSchema>;

const AttributeKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'attribute names start with a letter or "_"');

/** Absolute http(s) URL; whether plain http may be used is the server's egress policy's call. */
const UrlSchema = z
  .string()
  .trim()
  .min(1, 'url is required')
  .max(2000)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'url must be an absolute https URL, e.g. https://hooks.example.com/hookflow',
  });

/** While a subscription keeps failing, an alert is POSTed here at this interval until it recovers. */
export const AlertSettingsSchema = z.object({
  url: UrlSchema,
  intervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
});

export const SubscriptionSettingsSchema = z.object({
  /** Events without an `external_message_id` are not sent (and are counted as skipped). */
  externalMessageIdRequired: z.boolean().default(false),
  /** Per-attempt timeout. */
  timeoutMs: z.number().int().min(500).max(30_000).default(5000),
  /** 0 sends in real time; otherwise events leave together every this many seconds (seed: ~30). */
  flushSeconds: z.number().int().min(0).max(3600).default(0),
  retry: RetryPolicySchema.default(RetryPolicySchema.parse({})),
  /** `customer.attributes_changed` reports only these keys (all when empty), e.g. `email_opt_in`. */
  attributeKeys: z.array(AttributeKeySchema).max(100).default([]),
  /** `customer.attributes_changed` ignores changes from these sources. */
  excludeSources: z.array(z.enum(CHANGE_SOURCES)).max(CHANGE_SOURCES.length).default([]),
  /** Notify on error. */
  alert: AlertSettingsSchema.optional(),
});
export type SubscriptionSettings = z.infer<typeof SubscriptionSettingsSchema>;

/**
 * An event subscription as a client writes it: Hookflow's events of the chosen types are POSTed
 * as JSON to `url`, one request per event, authenticated by an integration (none when null).
 */
export const SubscriptionInputSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  url: UrlSchema,
  /** Basic, bearer, headers, signed (Standard Webhooks) or OAuth 2.0: credentials stay there. */
  integrationId: z.string().min(1).max(100).nullable().default(null),
  events: z
    .array(SubscribedEventSchema)
    .max(EVENT_TYPE_NAMES.length)
    .superRefine((events, context) => {
      const seen = new Set<string>();
      events.forEach((event, index) => {
        if (seen.has(event.type))
          context.addIssue({
            code: 'custom',
            path: [index, 'type'],
            message: `${event.type} is listed twice`,
          });
        seen.add(event.type);
      });
    })
    .default([]),
  settings: SubscriptionSettingsSchema.default(SubscriptionSettingsSchema.parse({})),
  /** Switched off by the user; an automatic disable (failing endpoint) is separate state. */
  enabled: z.boolean().default(true),
});
export type SubscriptionInput = z.infer<typeof SubscriptionInputSchema>;

/** How a subscription's endpoint is doing, kept by the server (read-only for clients). */
export interface SubscriptionHealth {
  /** Failed calls in a row; 0 after a success. */
  consecutiveFailures: number;
  /** Set when 10 failed calls in a row disabled it; saving it again or a good test send clears it. */
  disabledAt: string | null;
  /** Since when it has been failing (a delivery failed for good, or it was disabled); null when fine. */
  failingSince: string | null;
  lastError: string | null;
  lastFailureAt: string | null;
  lastSuccessAt: string | null;
  /** Events not sent because they lacked an external_message_id. */
  skipped: number;
}

/** A subscription as the API shows it. */
export interface Subscription extends SubscriptionInput {
  id: string;
  health: SubscriptionHealth;
  createdAt: string;
  updatedAt: string;
}

/** Failed calls in a row after which a subscription is disabled (seed 001: "more than 10 times"). */
export const DISABLE_AFTER_FAILURES = 10;
