import { z } from 'zod';
import { FilterSchema } from '../audience/filter-schema.ts';
import { WebhookConfigSchema } from './webhook-config-schema.ts';
import { ScheduleSchema } from './schedule-schema.ts';
import { AudienceFilterSchema } from '../audience/audience-filter.ts';

/** Stable node id: labels may change, ids never do (edges and run history refer to them). */
export const NodeIdSchema = z
  .string()
  .min(1, 'node id is required')
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'node id may contain only letters, digits, "_" and "-"');

const PositionSchema = z.object({ x: z.number(), y: z.number() });

export const nodeBase = {
  id: NodeIdSchema,
  label: z.string().max(200).optional(),
  position: PositionSchema.default({ x: 0, y: 0 }),
};

export const TriggerEventNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('trigger.event'),
  config: z.object({
    eventType: z.string().trim().min(1, 'event type is required').max(200),
    /** Conditions on the incoming event and customer, e.g. `event.properties.amount greater_than 10`. */
    conditions: FilterSchema.default({ rules: [] }),
  }),
});

/**
 * An on-demand launch hook: the server gives the node an unguessable URL `/hooks/<token>`; a
 * call starts runs for the configured audience, or for what its payload names.
 */
export const TriggerHookNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('trigger.hook'),
  config: z.object({
    /** Customers a call targets when its payload brings no audience of its own. */
    audience: FilterSchema.default({ rules: [] }),
    /** Calling hosts allowed (IP addresses, CIDR ranges or host names); empty allows any caller. */
    allowedHosts: z.array(z.string().trim().min(1).max(253)).max(100).default([]),
    /**
     * Seconds between a call and the launch; a call within them resets the timer and replaces the
     * payload (the seed: sent at most 10 s after the call, a new call reschedules it).
     */
    delaySeconds: z.number().min(0).max(10, 'a launch hook waits at most 10 seconds').default(10),
    /** A disabled hook answers 404 like an unknown one, without losing its URL. */
    enabled: z.boolean().default(true),
  }),
});

/** Starts runs over an audience once at a date and time, or on a cron rhythm in a time zone. */
export const TriggerScheduleNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('trigger.schedule'),
  config: z.object({
    /** Customers each firing targets; every field under `customer.` (the store pages through them). */
    audience: AudienceFilterSchema.default({ rules: [] }),
    schedule: ScheduleSchema,
  }),
});

export const ConditionNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('condition'),
  config: FilterSchema,
});

const MAX_WAIT_SECONDS = 366 * 24 * 3600;

export const WaitNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('wait'),
  config: z.discriminatedUnion('mode', [
    z.object({
      mode: z.literal('duration'),
      seconds: z
        .number()
        .positive('seconds must be greater than 0')
        .max(MAX_WAIT_SECONDS, 'a wait may last at most 366 days'),
    }),
    z.object({
      mode: z.literal('until'),
      /** An ISO 8601 datetime, or a template that renders to one (e.g. `{{ customer.renewal_at }}`). */
      at: z.string().trim().min(1, 'at is required').max(500),
    }),
  ]),
});

export const WebhookNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('webhook'),
  config: WebhookConfigSchema,
});

/** How a set-attributes value is stored: rendered text, or converted to a number or boolean. */
export const ATTRIBUTE_KINDS = ['text', 'number', 'boolean'] as const;

const AttributeKeySchema = z
  .string()
  .trim()
  .min(1, 'attribute name is required')
  .max(100)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_-]*$/,
    'attribute name must start with a letter or "_" and contain only letters, digits, "_" and "-"',
  )
  .refine((key) => key !== 'id', 'the customer id cannot be changed');

/** Writes attributes on the customer: later nodes read them as `customer.<name>`, and they are saved. */
export const SetAttributesNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('set-attributes'),
  config: z.object({
    attributes: z
      .array(
        z.object({
          key: AttributeKeySchema,
          /** A template, e.g. `{{ webhook.body.plan }}`, rendered when the customer reaches the node. */
          value: z.string().max(10_000),
          as: z.enum(ATTRIBUTE_KINDS).default('text'),
        }),
      )
      .min(1, 'set at least one attribute')
      .max(50, 'a node sets at most 50 attributes')
      .superRefine(
        (attributes, context) => {
          const seen = new Set<unknown>();
          attributes.forEach((attribute, index) => {
            // Runs even when other rows are invalid (see `when`), so rows may not be objects yet.
            const key = (attribute as { key?: unknown } | null)?.key;
            if (typeof key === 'string' && seen.has(key))
              context.addIssue({
                code: 'custom',
                path: [index, 'key'],
                message: `attribute "${key}" is set twice`,
              });
            seen.add(key);
          });
        },
        // Report duplicates together with the other rows' errors, not only once those are fixed.
        { when: (payload) => Array.isArray(payload.value) },
      ),
  }),
});

export const EndNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('end'),
  config: z.object({}).default({}),
});

export const ScenarioNodeSchema = z.discriminatedUnion('type', [
  TriggerEventNodeSchema,
  TriggerHookNodeSchema,
  TriggerScheduleNodeSchema,
  ConditionNodeSchema,
  WaitNodeSchema,
  WebhookNodeSchema,
  SetAttributesNodeSchema,
  EndNodeSchema,
]);

export type ScenarioNode = z.infer<typeof ScenarioNodeSchema>;

export const NODE_TYPES = [
  'trigger.event',
  'trigger.hook',
  'trigger.schedule',
  'condition',
  'wait',
  'webhook',
  'set-attributes',
  'end',
] as const satisfies readonly ScenarioNode['type'][];
export type NodeType = ScenarioNode['type'];
export type NodeOf<T extends NodeType> = Extract<ScenarioNode, { type: T }>;
export type WebhookNode = NodeOf<'webhook'>;
export type WaitNode = NodeOf<'wait'>;
export type SetAttributesNode = NodeOf<'set-attributes'>;
export type TriggerEventNode = NodeOf<'trigger.event'>;
export type TriggerHookNode = NodeOf<'trigger.hook'>;
export type TriggerScheduleNode = NodeOf<'trigger.schedule'>;
