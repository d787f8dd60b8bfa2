import { z } from 'zod';
import { CHANNELS } from './channels.ts';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

export const HeaderSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1, 'header name is required')
    .max(200)
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'header name has characters HTTP does not allow'),
  value: z.string().max(8000),
});

export const QueryParamSchema = z.object({
  key: z.string().trim().min(1, 'query parameter name is required').max(500),
  value: z.string().max(8000),
});

/**
 * When and how often a failed request is sent again. Network errors, timeouts, 429, 500, 502,
 * 503 and 504 are retried with exponential backoff and jitter (honouring Retry-After); other
 * 4xx and 3xx fail at once. Nothing is capped silently: the limits are these fields.
 */
export const RetryPolicySchema = z.object({
  /** Attempts in all, the first one included (1 = never retry). */
  maxAttempts: z.number().int().min(1).max(20).default(5),
  /** No attempt starts later than this after the first one. */
  maxTotalMs: z
    .number()
    .int()
    .min(1000)
    .max(7 * 24 * 3600 * 1000)
    .default(3600 * 1000),
  /** Delay before the second attempt; each further one doubles it (before jitter). */
  initialDelayMs: z
    .number()
    .int()
    .min(100)
    .max(3600 * 1000)
    .default(1000),
  /** Upper bound of one delay, Retry-After included. */
  maxDelayMs: z
    .number()
    .int()
    .min(1000)
    .max(24 * 3600 * 1000)
    .default(10 * 60 * 1000),
});
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

/** The most customers one batch request may carry. */
export const MAX_BATCH_SIZE = 1000;
/** On-event scenarios batch customers of different runs together up to this many. */
export const MAX_EVENT_BATCH_SIZE = 200;

/**
 * Batch mode: each customer reaching the node renders `customerTemplate` to a string; the
 * node's `body` is then the root template, rendered once per batch with those strings as
 * `customers`. URL, query and headers render once per batch too (they see `customers` and
 * `scenario`, not one customer).
 */
export const BatchSettingsSchema = z.object({
  customerTemplate: z.string().trim().min(1, 'the customer template is required in batch mode').max(100_000),
  /** Customers per request; batches of on-event scenarios stop at 200. */
  size: z
    .number()
    .int()
    .min(1, 'batch size is at least 1')
    .max(MAX_BATCH_SIZE, `batch size is at most ${MAX_BATCH_SIZE}`)
    .default(100),
  /** How long the node waits for a batch to fill before sending what it has. */
  windowMs: z
    .number()
    .int()
    .min(0)
    .max(10 * 60 * 1000, 'the batching window is at most 10 minutes')
    .default(1000),
});
export type BatchSettings = z.infer<typeof BatchSettingsSchema>;

export const WebhookConfigSchema = z.object({
  method: z.enum(HTTP_METHODS).default('POST'),
  url: z.string().trim().min(1, 'url is required').max(4000),
  /** Appended to the URL's own query string, each key and value URL-encoded after rendering. */
  query: z.array(QueryParamSchema).max(100).default([]),
  headers: z.array(HeaderSchema).max(100).default([]),
  body: z.string().max(1_000_000).default(''),
  format: z.enum(['json', 'text', 'xml']).default('json'),
  responseFormat: z.enum(['json', 'text']).default('json'),
  /** Per-attempt timeout. */
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  retry: RetryPolicySchema.default(RetryPolicySchema.parse({})),
  /** The preset (and its version) this node was made from; activation fills the node from it. */
  preset: z.object({ id: z.string().min(1).max(100), version: z.number().int().min(1) }).optional(),
  /** Throughput policy whose concurrency limit this webhook shares with every other user of it. */
  throughputPolicyId: z.string().max(100).optional(),
  /** Authentication integration whose credentials are attached at send time (under its endpoint prefix). */
  integrationId: z.string().max(100).optional(),
  /** Values of the `[[ name ]]` template parameters, substituted before Nunjucks renders. */
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** Present in batch mode. */
  batch: BatchSettingsSchema.optional(),
  /** What the request sends on (presets set it: `sms`, `email`…); absent means `webhook`. */
  channel: z.enum(CHANNELS).optional(),
});
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;
