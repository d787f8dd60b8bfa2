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
