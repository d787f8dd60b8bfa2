import { z } from 'zod';
import {
  AudienceValuesPayloadSchema,
  SetConversationPayloadSchema,
  TargetsPayloadSchema,
} from '../../../engine/hooks/launch-payload-schema.ts';
import { TimeSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';
import { scenarioExample } from './scenario-docs.ts';

const tag = 'Launch hooks';

const HookSchema = z.object({
  nodeId: z.string().describe('the `trigger.hook` node it launches'),
  url: z.string().describe('the secret URL: whoever holds it can launch the scenario'),
  enabled: z.boolean(),
});

const hook = {
  nodeId: 'launch',
  url: 'https://hookflow.example.com/hooks/HPhEcC2VI3c3AXLsX0cBaqF18urYriGw',
  enabled: true,
};

const FanOutSchema = z.object({
  id: z.string(),
  scenarioId: z.string(),
  version: z.number().int(),
  triggerNodeId: z.string(),
  source: z.enum(['hook', 'schedule']),
  status: z.enum(['running', 'done', 'failed']),
  started: z.number().int().describe('runs started so far'),
  audience: z
    .number()
    .int()
    .nullable()
    .describe('customers targeted; null while an audience filter is still being counted'),
  error: z.string().nullable(),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
  finishedAt: TimeSchema.nullable(),
});

const fanOut = {
  id: 'fan_01k99d346immh351sais8e6skg',
  scenarioId: scenarioExample.id,
  version: 1,
  triggerNodeId: 'launch',
  source: 'hook',
  status: 'done',
  started: 1250,
  audience: 1250,
  error: null,
  createdAt: '2026-12-07T23:23:15.538Z',
  updatedAt: '2026-12-07T23:23:17.576Z',
  finishedAt: '2026-12-07T23:23:17.576Z',
};

const scenarioNotFound = { not_found: `scenario "${scenarioExample.id}" does not exist` };

/** The three payload forms of the seed, one of which a POST may carry (or none). */
const LaunchPayloadSchema = z.union([
  TargetsPayloadSchema,
  SetConversationPayloadSchema,
  AudienceValuesPayloadSchema,
]);

const scheduled = {
  description: "Scheduled: the launch starts at `sendAt` (the node's delay from now)",
  schema: z.object({ scheduled: z.literal(true), sendAt: TimeSchema }),
  example: { scheduled: true, sendAt: '2026-12-07T23:28:15.502Z' },
};

const hookErrors = {
  forbidden: 'calling host 203.0.113.7 is not allowed to call this launch hook',
  not_found: 'no launch hook at this address',
  rate_limited: 'this launch hook is called too often: retry in 2 s',
};

const launchBehaviour =
  'The token in the URL is the credential: no API key. Unknown, rotated, disabled or inactive hooks all answer the same 404. Callers may be limited to `allowedHosts`; each hook takes 10 calls a second with bursts of 20 by default (`HOOKFLOW_HOOK_RATE`, `HOOKFLOW_HOOK_BURST`) across all server processes, then 429 with `Retry-After`. A call schedules the launch `delaySeconds` from now and replaces one still pending for the same node (debounce), so a burst of calls launches once. The launch then starts one run per targeted customer, page by page (see the fan-outs).';

export const launchHookDocs = {
  list: {
    tag,
    summary: "List a scenario's launch hook URLs",
    description:
      "The secret URL of each `trigger.hook` node of the scenario's draft; a node's URL is created the first time it is listed. URLs are absolute, built from the host this request reached. They never appear in scenario definitions or exports.",
    responses: {
      200: {
        description: 'The hooks',
        schema: z.object({ hooks: z.array(HookSchema) }),
        example: { hooks: [hook] },
      },
    },
    errors: scenarioNotFound,
    store: 'write',
  },
  rotate: {
    tag,
    summary: 'Rotate a launch hook URL',
    description:
      'Gives the node a new secret URL. The old URL answers 404 from now on, in every server process: update every caller. Not idempotent: each call makes a new URL.',
    responses: { 200: { description: "The node's new URL", schema: HookSchema, example: hook } },
    errors: { not_found: `launch hook node of scenario "${scenarioExample.id}" "launch" does not exist` },
  },
  launchAudience: {
    tag,
    summary: 'Launch a scenario for its audience',
    description: `Launches the hook node's configured audience (its filter over stored customers). ${launchBehaviour}`,
    responses: { 200: scheduled },
    errors: hookErrors,
    store: 'write',
  },
  launch: {
    tag,
    summary: 'Launch a scenario with a payload',
    description: [
      `Launches with a JSON payload (\`application/json\`, or \`text/plain\` as some senders label it; up to 1 MiB; an empty body launches the configured audience). ${launchBehaviour}`,
      '',
      'Three forms: **targets** (`{"targets":[{...variables}]}`, up to 1,000 contacts by `user_id` or `user_phone_number`, created when missing, their variables written as attributes); **audience and values** (`fields`, `criteria`, `values`, `operators` override the audience, `set_variables` / `set_variables_values` are written to everyone targeted; lists as `"a;b"` or JSON arrays); **conversation** (`set_conversation: true`: the one customer named by the `user_id` variable).',
    ].join('\n'),
    readsBody: LaunchPayloadSchema,
    bodyExample: {
      targets: [
        { user_id: '+33612345678', user_phone_number: '+33612345678', bot_channel: 'whatsapp', plan: 'pro' },
        { user_id: '+447700900123', bot_channel: 'sms' },
      ],
    },
    responses: { 200: scheduled },
    errors: {
      bad_request:
        'invalid launch payload: values: values has 1 entries for 2 fields: give one per field, separated by ";"',
      ...hookErrors,
    },
  },
  launches: {
    tag,
    summary: 'Show pending launches',
    description:
      "For each launch hook and schedule node of the scenario's draft: when a launch called but not yet started goes (`pendingAt`, launch hooks only; the node's delay counts down to it from `now`, the server's clock) and its latest fan-out with its progress. Read from the store, so a call taken by another server process shows too.",
    responses: {
      200: {
        description: "The server's time and each launching node's state",
        schema: z.object({
          now: TimeSchema,
          items: z.array(
            z.object({
              nodeId: z.string(),
              pendingAt: TimeSchema.nullable(),
              fanOut: FanOutSchema.nullable(),
            }),
          ),
        }),
        example: {
          now: '2026-12-07T23:23:20.000Z',
          items: [{ nodeId: 'launch', pendingAt: '2026-12-07T23:28:15.502Z', fanOut }],
        },
      },
    },
    errors: scenarioNotFound,
  },
  fanOut: {
    tag,
    summary: "Get a fan-out's progress",
    description:
      'How far one launch (or schedule firing) has gone starting runs for its audience: `running` while pages of customers are still being started, then `done` or `failed` (`error` says why). A fan-out survives restarts and is taken over by another process if its own stops.',
    responses: { 200: { description: 'The fan-out', schema: FanOutSchema, example: fanOut } },
    errors: { not_found: `fan-out "${fanOut.id}" does not exist` },
  },
  fanOuts: {
    tag,
    summary: "List a scenario's fan-outs",
    description: "The scenario's launches and schedule firings, newest first, `limit` 1–500 (default 50).",
    responses: {
      200: {
        description: 'The fan-outs',
        schema: z.object({ items: z.array(FanOutSchema) }),
        example: { items: [fanOut] },
      },
    },
    errors: scenarioNotFound,
  },
} satisfies Record<string, OperationDocs>;
