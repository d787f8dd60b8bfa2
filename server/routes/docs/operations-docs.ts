import { z } from 'zod';
import { TimeSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';

const tag = 'Operations';

const METRICS_SAMPLE = `# HELP hookflow_delivery_attempts_total Webhook delivery attempts by outcome: delivered (2xx), retry (failed, sent again later), failed (given up), refused (egress policy)
# TYPE hookflow_delivery_attempts_total counter
hookflow_delivery_attempts_total{outcome="delivered"} 1250
hookflow_delivery_attempts_total{outcome="retry"} 12
hookflow_delivery_attempts_total{outcome="failed"} 1
hookflow_delivery_attempts_total{outcome="refused"} 0
`;
export const operationsDocs = {
  health: {
    tag,
    summary: 'Check health',
    description:
      'For load balancers: 200 while the store works; 503 with `Retry-After` and the reason while writes fail (e.g. the disk is full), until a probe write goes through again. No key; cheap (a one-row read within a 50 ms budget).',
    responses: {
      200: {
        description: 'Healthy',
        schema: z.object({ status: z.literal('ok'), store: z.enum(['sqlite', 'mongo']) }),
        example: { status: 'ok', store: 'sqlite' },
      },
    },
    otherAnswers: {
      503: {
        description: 'Failing: the store cannot be written; `Retry-After` says when to look again',
        schema: z.object({
          status: z.literal('failing'),
          store: z.enum(['sqlite', 'mongo']),
          code: z.enum(['storage_full', 'store_unavailable']),
          reason: z.string(),
          since: TimeSchema,
        }),
        example: {
          status: 'failing',
          store: 'sqlite',
          code: 'storage_full',
          reason: 'database or disk is full',
          since: '2026-12-07T23:40:00.000Z',
        },
        headers: { 'retry-after': 'seconds to wait before looking again' },
      },
    },
    store: 'none',
  },
  metrics: {
    tag,
    summary: 'Scrape metrics',
    description:
      "Prometheus text format: delivery attempts by outcome, lease takeovers, commit latency, pending and due deliveries, the batch buffer, waits due, requests in flight per throughput policy, live processes and Node's own figures. With several processes (`HOOKFLOW_PROCESSES`) the figures of all of them, summed. Open unless `HOOKFLOW_METRICS_KEY` is set; then send it as `Authorization: Bearer <key>` (the API keys do not open it).",
    responses: {
      200: {
        description: 'The metrics',
        contentType: 'text/plain; version=0.0.4; charset=utf-8',
        example: METRICS_SAMPLE,
      },
    },
    errors: {
      unauthorized: 'missing or wrong metrics key: send "Authorization: Bearer <HOOKFLOW_METRICS_KEY>"',
      unavailable: 'the cluster primary did not answer with the metrics within 5 s; try again',
    },
    store: 'none',
  },
  signIn: {
    tag,
    summary: 'Where the management key comes from',
    description:
      'For the sign-in page, without a key: whether the management key was set in `HOOKFLOW_API_KEY` (`environment`) or generated in the data folder (`data-folder`, the file `api-key`). Never the key or any part of it.',
    responses: {
      200: {
        description: "The key's source",
        schema: z.object({ apiKeySource: z.enum(['environment', 'data-folder']) }),
        example: { apiKeySource: 'data-folder' },
      },
    },
    store: 'none',
  },
} satisfies Record<string, OperationDocs>;
