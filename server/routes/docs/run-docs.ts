import { z } from 'zod';
import { ReceivedResponseSchema, SentRequestSchema, TimeSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';

const tag = 'Runs';

export const RunStatusSchema = z.enum(['running', 'waiting', 'completed', 'failed']);

const RunSchema = z.object({
  id: z.string(),
  scenarioId: z.string(),
  version: z.number().int().describe('the scenario version the run is pinned to'),
  customerId: z.string(),
  eventId: z.string().nullable().describe('the event that started it; null for launch hooks and schedules'),
  status: RunStatusSchema,
  nodeId: z.string().nullable().describe('the node it stands on; null once finished'),
  stepCount: z.number().int(),
  wakeAt: TimeSchema.nullable().describe('when a waiting run resumes; null otherwise'),
  wakeVisit: z.number().int().nullable(),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

const StepSchema = z.object({
  runId: z.string(),
  seq: z.number().int(),
  at: TimeSchema,
  nodeId: z.string().nullable(),
  kind: z.enum(['entered', 'wait', 'webhook', 'attributes', 'completed', 'failed']),
  detail: z
    .record(z.string(), z.unknown())
    .describe(
      'by kind: a webhook step holds `request`, `response`, `attempt`, `error`, `durationMs` and `deliveryId`',
    ),
});

export const runExample = {
  id: 'run_01k99d32tftvjh439rfvt75jpl',
  scenarioId: 'scn_01k99d32jeil2d4njals0k6ha8',
  version: 1,
  customerId: '+33612345678',
  eventId: 'evt-1042',
  status: 'completed',
  nodeId: null,
  stepCount: 4,
  wakeAt: null,
  wakeVisit: null,
  createdAt: '2026-12-07T23:23:14.223Z',
  updatedAt: '2026-12-07T23:23:14.313Z',
};

export const sentRequestExample = {
  method: 'POST',
  url: 'https://crm.example.com/orders',
  headers: {
    'user-agent': 'Hookflow/0.1 (+https://github.com/hookflow)',
    'content-type': 'application/json',
    'webhook-id': 'msg_01k99d32tm0000005sbamltjk6',
  },
  body: '{"customer":"+33612345678","total":42}',
};

export const receivedResponseExample = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"ok":true}',
  truncated: false,
};

const webhookStep = {
  runId: runExample.id,
  seq: 2,
  at: '2026-12-07T23:23:14.293Z',
  nodeId: 'notify',
  kind: 'webhook',
  detail: {
    deliveryId: 'msg_01k99d32tm0000005sbamltjk6',
    attempt: 1,
    request: sentRequestExample,
    response: receivedResponseExample,
    error: null,
    durationMs: 57,
  },
};

const notFoundRun = { not_found: `run "${runExample.id}" does not exist` };

export const runDocs = {
  list: {
    tag,
    summary: 'List runs',
    description:
      "Runs newest first, optionally of one scenario (`scenarioId`) and in one `status`. Paged: `limit` (1–500, default 100), then pass the answer's `next` as `before` for the next page. Without the steps: get one run for its history.",
    responses: {
      200: {
        description: 'A page of runs',
        schema: z.object({
          items: z.array(RunSchema),
          next: z
            .string()
            .nullable()
            .describe('pass it as `before` for the next page; null on the last page'),
        }),
        example: { items: [runExample], next: null },
      },
    },
  },
  get: {
    tag,
    summary: 'Get a run with its history',
    description:
      'The run and every step in order: nodes entered, waits, webhook attempts with the request as sent (credentials masked) and the response as received (body cut at 64 KiB), attribute changes, and the end. A batched webhook step points to its delivery (`GET /api/deliveries/{id}`).',
    responses: {
      200: {
        description: 'The run and its steps',
        schema: RunSchema.extend({ steps: z.array(StepSchema) }),
        example: {
          ...runExample,
          steps: [
            {
              runId: runExample.id,
              seq: 0,
              at: '2026-12-07T23:23:14.229Z',
              nodeId: 'start',
              kind: 'entered',
              detail: {},
            },
            {
              runId: runExample.id,
              seq: 1,
              at: '2026-12-07T23:23:14.229Z',
              nodeId: 'notify',
              kind: 'entered',
              detail: {},
            },
            webhookStep,
            {
              runId: runExample.id,
              seq: 3,
              at: '2026-12-07T23:23:14.313Z',
              nodeId: null,
              kind: 'completed',
              detail: {},
            },
          ],
        },
      },
    },
    errors: notFoundRun,
  },
  retry: {
    tag,
    summary: 'Retry a failed run',
    description:
      'Puts a run that failed at a webhook node back on that node: it sends the request again (rendered anew, with a new attempt budget) and goes on from there. Only while the version it is pinned to is still the active one; a run that is not `failed`, failed elsewhere than at a webhook, or whose version was replaced is refused (409). The retry and who asked for it are kept in its history.',
    responses: {
      202: {
        description: 'The run, back on the node',
        schema: RunSchema,
        example: { ...runExample, status: 'running', nodeId: 'notify' },
      },
    },
    errors: {
      ...notFoundRun,
      conflict: `run "${runExample.id}" is completed, not failed`,
    },
  },
  endpointHealth: {
    tag,
    summary: 'Show webhook endpoint health',
    description:
      'How scenario webhooks are doing per host over the last `hours` (1–168, default 24), from the deliveries stored by every server process: success rate, failures in a row, last error. Sums the newest 10,000 closed deliveries at most (`sampled` says when there were more). `warning` is raised after 10 failures in a row or a success rate under 50 %; it is only a warning: webhooks to that host keep being sent.',
    responses: {
      200: {
        description: 'Health per host',
        schema: z.object({
          since: TimeSchema,
          deliveries: z.number().int(),
          sampled: z.boolean(),
          hosts: z.array(
            z.object({
              host: z.string().describe('`host:port`'),
              deliveries: z.number().int(),
              succeeded: z.number().int(),
              failed: z.number().int(),
              successRate: z.number().describe('0 to 1'),
              consecutiveFailures: z.number().int(),
              lastError: z.string().nullable(),
              lastFailureAt: TimeSchema.nullable(),
              lastSuccessAt: TimeSchema.nullable(),
              warning: z.boolean(),
            }),
          ),
        }),
        example: {
          since: '2026-12-06T23:23:14.000Z',
          deliveries: 1263,
          sampled: false,
          hosts: [
            {
              host: 'crm.example.com:443',
              deliveries: 1263,
              succeeded: 1250,
              failed: 13,
              successRate: 0.99,
              consecutiveFailures: 0,
              lastError: 'the endpoint answered 503',
              lastFailureAt: '2026-12-07T21:02:44.120Z',
              lastSuccessAt: '2026-12-07T23:23:14.293Z',
              warning: false,
            },
          ],
        },
      },
    },
  },
  delivery: {
    tag,
    summary: 'Get a webhook delivery',
    description:
      'One webhook request and its latest answer. A batch node sends one request for many runs: their history points here, and `runIds` lists every run it carried.',
    responses: {
      200: {
        description: 'The delivery',
        schema: z.object({
          id: z.string(),
          nodeId: z.string(),
          status: z.enum(['pending', 'sending', 'done', 'failed']),
          attempts: z.number().int(),
          request: SentRequestSchema,
          response: ReceivedResponseSchema.nullable(),
          runIds: z.array(z.string()),
          createdAt: TimeSchema,
        }),
        example: {
          id: 'msg_01k99d32tm0000005sbamltjk6',
          nodeId: 'notify',
          status: 'done',
          attempts: 1,
          request: sentRequestExample,
          response: receivedResponseExample,
          runIds: [runExample.id],
          createdAt: '2026-12-07T23:23:14.229Z',
        },
      },
    },
    errors: { not_found: 'delivery "msg_01k99d32tm0000005sbamltjk6" does not exist' },
  },
} satisfies Record<string, OperationDocs>;
