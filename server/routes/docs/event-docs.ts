import { z } from 'zod';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';

const event = {
  id: 'evt-1042',
  customer_id: '+33612345678',
  type: 'order.paid',
  timestamp: '2026-12-07T23:23:14Z',
  properties: { order_id: 'A-1042', total: 42, currency: 'EUR' },
  attributes: { plan: 'pro', last_order_at: '2026-12-07T23:23:14Z' },
};

export const eventDocs = {
  ingest: {
    tag: 'Events',
    summary: 'Send events',
    description: [
      'Records one event (a JSON object) or up to 1,000 (an array, up to 10 MiB), all in one transaction: each creates its customer when unknown, merges its `attributes` into the customer (top-level keys, like Braze users/track; the runs read the merged customer), and starts a run of every active scenario whose `trigger.event` matches its `type` (and conditions). Answers once saved; the runs go on in the background (read them with `GET /api/runs/{id}`).',
      '',
      '**Idempotency:** give each event your own `id`. An `id` seen before is answered `duplicate: true` and starts nothing, however often it is retried; without an `id` every call is a new event.',
      '',
      'An `ingest` API key opens this operation and no other. A refused array is refused whole, naming the item at fault (`[1].type`).',
    ].join('\n'),
    bodyExample: event,
    responses: {
      202: {
        description: 'Saved: one entry per event sent, in order, with the runs it started',
        schema: z.object({
          events: z.array(
            z.object({
              id: z.string().describe('your `id`, or the one given to the event'),
              duplicate: z.boolean().describe('true when this `id` was received before: nothing started'),
              runIds: z.array(z.string()),
            }),
          ),
        }),
        example: {
          events: [{ id: 'evt-1042', duplicate: false, runIds: ['run_01k99d32tftvjh439rfvt75jpl'] }],
        },
      },
    },
  },
} satisfies Record<string, OperationDocs>;
