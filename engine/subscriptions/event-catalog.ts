/**
 * Hookflow's own events, which subscriptions push to outside endpoints. This one table is what
 * the default payloads are built from, what the editor lists as placeholders and what the
 * README's table documents: add an event or a property here and all three follow.
 */

/** A property (placeholder) an event carries, with the value the editor's samples show. */
export interface EventProperty {
  name: string;
  description: string;
  sample: unknown;
}

export interface EventTypeInfo {
  type: string;
  /** When it fires. */
  description: string;
  /** Whether it belongs to a webhook node's channel (sms, email…); the others have none. */
  channel: boolean;
  /** The properties of its default payload, in this order; absent data is `null`. */
  properties: readonly string[];
}

const PROPERTIES: readonly EventProperty[] = [
  { name: 'scenario_id', description: 'the scenario', sample: 'scn_0a1b2c' },
  { name: 'scenario_name', description: "the scenario's name", sample: 'Welcome' },
  { name: 'version', description: 'the scenario version the run is pinned to', sample: 3 },
  { name: 'run_id', description: "the customer's run through the scenario", sample: 'run_0a1b2c' },
  { name: 'node_id', description: 'the node (its stable id)', sample: 'send-sms' },
  { name: 'node_name', description: "the node's label, else its id", sample: 'Send SMS' },
  { name: 'customer_id', description: 'the customer', sample: 'c-1042' },
  {
    name: 'channel',
    description:
      "the webhook node's channel: its preset's (sms, whatsapp, email, push, chat, crm…), else webhook",
    sample: 'sms',
  },
  {
    name: 'trigger_id',
    description: 'what started the run: the event id, or the fan-out id of a launch hook or schedule',
    sample: 'evt_0a1b2c',
  },
  {
    name: 'external_message_id',
    description: 'the `external_message_id` property of the event that started the run',
    sample: 'ext-77',
  },
  {
    name: 'status',
    description: 'HTTP status of the answer (launch.completed: done or failed)',
    sample: 200,
  },
  { name: 'error_message', description: 'why it failed', sample: 'HTTP 503 (gave up after 5 attempts)' },
  {
    name: 'source',
    description: 'what changed the customer: api, event, hook (launch hook) or set-attributes',
    sample: 'api',
  },
  {
    name: 'changes',
    description: 'changed attributes: { "<key>": { "old": …, "new": … } }',
    sample: { email_opt_in: { old: true, new: false } },
  },
  {
    name: 'audience',
    description: 'who a launch targeted: { "filter": … } or { "customers": <count> }',
    sample: { filter: { rules: [] } },
  },
  { name: 'started', description: 'runs a launch started', sample: 1250 },
];

const RUN = [
  'scenario_id',
  'scenario_name',
  'version',
  'run_id',
  'customer_id',
  'trigger_id',
  'external_message_id',
];
const NODE = ['node_id', 'node_name'];
const WEBHOOK = [...RUN.slice(0, 4), ...NODE, 'channel', ...RUN.slice(4), 'status'];

export const EVENT_TYPES = [
  {
    type: 'run.entered',
    description: 'a run started at its trigger node',
    channel: false,
    properties: [...RUN.slice(0, 4), ...NODE, ...RUN.slice(4)],
  },
  { type: 'run.completed', description: 'a run reached its end', channel: false, properties: RUN },
  {
    type: 'run.failed',
    description: 'a run stopped on a failure (a webhook without a failure edge, a bad template…)',
    channel: false,
    properties: [...RUN.slice(0, 4), ...NODE, ...RUN.slice(4), 'error_message'],
  },
  {
    type: 'webhook.sent',
    description: "a webhook delivery's first attempt was made (with its answer's status)",
    channel: true,
    properties: WEBHOOK,
  },
  {
    type: 'webhook.delivered',
    description: 'a webhook was answered 2xx',
    channel: true,
    properties: WEBHOOK,
  },
  {
    type: 'webhook.failed',
    description: 'a webhook failed for good (after its retries)',
    channel: true,
    properties: [...WEBHOOK, 'error_message'],
  },
  {
    type: 'customer.created',
    description: 'a customer was seen for the first time (an event, a launch hook, the API)',
    channel: false,
    properties: ['customer_id', 'source', 'trigger_id', 'external_message_id'],
  },
  {
    type: 'customer.returned',
    description: 'an event came for a known customer; at most once per customer per 24 h',
    channel: false,
    properties: ['customer_id', 'source', 'trigger_id', 'external_message_id'],
  },
  {
    type: 'customer.attributes_changed',
    description: "a customer's attributes changed (old and new value per key, and what changed them)",
    channel: false,
    properties: ['customer_id', 'source', 'changes', 'scenario_id', 'run_id', 'node_id'],
  },
  {
    type: 'launch.completed',
    description: "a launch hook's or schedule's fan-out finished starting its runs",
    channel: false,
    properties: [
      'scenario_id',
      'scenario_name',
      'version',
      ...NODE,
      'trigger_id',
      'status',
      'audience',
      'started',
      'error_message',
    ],
  },
  {
    type: 'scenario.activated',
    description: 'a scenario version was activated',
    channel: false,
    properties: ['scenario_id', 'scenario_name', 'version'],
  },
  {
    type: 'scenario.deactivated',
    description: 'a scenario was deactivated (its runs in flight go on)',
    channel: false,
    properties: ['scenario_id', 'scenario_name', 'version'],
  },
] as const satisfies readonly EventTypeInfo[];

export type EventType = (typeof EVENT_TYPES)[number]['type'];

export const EVENT_TYPE_NAMES = EVENT_TYPES.map((info) => info.type) as [EventType, ...EventType[]];

const BY_TYPE = new Map<string, EventTypeInfo>(EVENT_TYPES.map((info) => [info.type, info]));
const PROPERTY_BY_NAME = new Map(PROPERTIES.map((property) => [property.name, property]));

/** The catalogue entry of a type; throws for a type that is not in the table. */
export function eventTypeInfo(type: string): EventTypeInfo {
  const info = BY_TYPE.get(type);
  if (!info) throw new Error(`unknown event type "${type}"`);
  return info;
}

/** The documented properties of a type, in payload order. */
export function eventProperties(type: string): EventProperty[] {
  return eventTypeInfo(type).properties.map((name) => PROPERTY_BY_NAME.get(name)!);
}

/** Where a customer attribute change came from. */
export const CHANGE_SOURCES = ['api', 'event', 'hook', 'set-attributes', 'import'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];
