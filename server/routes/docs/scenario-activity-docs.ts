import { z } from 'zod';
import { ReceivedResponseSchema, SentRequestSchema, TimeSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';
import { RunStatusSchema, receivedResponseExample, runExample, sentRequestExample } from './run-docs.ts';
import { scenarioExample } from './scenario-docs.ts';

const tag = 'Scenarios';

const NodeCountsSchema = z.object({
  entered: z.number().int(),
  waiting: z.number().int().describe('runs standing on the node now (a timer or a response)'),
  succeeded: z.number().int(),
  failed: z.number().int(),
});

const notFound = { not_found: `scenario "${scenarioExample.id}" does not exist` };

export const scenarioActivityDocs = {
  stats: {
    tag,
    summary: 'Count runs per node',
    description:
      "How many runs entered, wait at, passed and failed each node, summed over every version (node ids are stable across versions) or of one `version`. Nodes never entered are absent. The editor's canvas badges read it.",
    responses: {
      200: {
        description: 'Counts by node id',
        schema: z.object({
          version: z.number().int().nullable().describe('the version counted; null for all of them'),
          nodes: z.record(z.string(), NodeCountsSchema),
        }),
        example: {
          version: null,
          nodes: {
            start: { entered: 120, waiting: 0, succeeded: 120, failed: 0 },
            notify: { entered: 120, waiting: 2, succeeded: 115, failed: 3 },
          },
        },
      },
    },
    errors: notFound,
  },
  retryFailed: {
    tag,
    summary: 'Retry the runs that failed at a node',
    description:
      'Puts every run of the active version that failed at this webhook node back on it, 200 per transaction: each sends its request again and goes on from there. Runs of older versions are left alone. Only while the scenario is active (409 otherwise). Safe to repeat: a run already retried is no longer `failed`.',
    responses: {
      202: {
        description: 'How many runs were put back, and which',
        schema: z.object({ retried: z.number().int(), runIds: z.array(z.string()) }),
        example: { retried: 2, runIds: [runExample.id, 'run_01k99d3b0n7sy1f0w2d4c6e8ga'] },
      },
    },
    errors: {
      ...notFound,
      conflict: `scenario "${scenarioExample.id}" is not active: only runs of its active version can be retried`,
    },
  },
  nodeRuns: {
    tag,
    summary: 'List recent runs at a node',
    description:
      "The newest steps at one node among the scenario's 1,000 most recent runs (of one `version`, or all), newest first, `limit` 1–200 (default 20): which customer, what was sent and answered, or the attributes set. A batched step has no request of its own: get its delivery (`GET /api/deliveries/{id}`).",
    responses: {
      200: {
        description: 'The steps, newest first',
        schema: z.object({
          items: z.array(
            z.object({
              runId: z.string(),
              customerId: z.string(),
              status: RunStatusSchema,
              version: z.number().int(),
              kind: z.enum(['entered', 'wait', 'webhook', 'attributes', 'completed', 'failed']),
              at: TimeSchema,
              request: SentRequestSchema.nullable(),
              response: ReceivedResponseSchema.nullable(),
              error: z.string().nullable(),
              batch: z.unknown().nullable(),
              deliveryId: z.string().nullable(),
              attributes: z.record(z.string(), z.unknown()).nullable(),
              branch: z
                .string()
                .nullable()
                .describe('the output the run left the node by: `yes`, `no`, `success`, `failure`…'),
            }),
          ),
        }),
        example: {
          items: [
            {
              runId: runExample.id,
              customerId: runExample.customerId,
              status: 'completed',
              version: 1,
              kind: 'webhook',
              at: '2026-12-07T23:23:14.293Z',
              request: sentRequestExample,
              response: receivedResponseExample,
              error: null,
              batch: null,
              deliveryId: 'msg_01k99d32tm0000005sbamltjk6',
              attributes: null,
              branch: 'success',
            },
          ],
        },
      },
    },
    errors: notFound,
  },
} satisfies Record<string, OperationDocs>;
