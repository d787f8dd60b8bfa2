import { z } from 'zod';
import { TemplateParameterSchema } from '../../../engine/template/index.ts';
import { ReceivedResponseSchema, SentRequestSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';
import { receivedResponseExample, sentRequestExample } from './run-docs.ts';

const tag = 'Webhook tools';

const node = {
  id: 'notify',
  type: 'webhook',
  config: {
    method: 'POST',
    url: 'https://crm.example.com/orders',
    body: '{"customer":"{{ customer.id }}","plan":"{{ customer.plan }}","total":{{ event.properties.total }}}',
  },
};

export const webhookToolDocs = {
  testWebhook: {
    tag,
    summary: 'Render or send a webhook with sample data',
    description:
      "Renders a webhook node's request (URL, query, headers, body) with a sample customer, event and earlier webhook answers (`responses`, read as `webhook.` and `webhook(2).`), as a run would, and answers it. With `send: true` it is also sent once, with a fresh `webhook-id` and the integration's credentials (masked in the answer), under the egress policy and the node's timeout; the answer is returned, never retried, and no run or history is written. A template that cannot render is a 400 naming the node and field.",
    bodyExample: {
      node,
      sample: { customer: { plan: 'pro' }, event: { type: 'order.paid', properties: { total: 42 } } },
      send: true,
    },
    responses: {
      200: {
        description: 'The rendered request, and the answer when it was sent',
        schema: z.object({
          request: SentRequestSchema,
          response: ReceivedResponseSchema.extend({
            status: z.number().int().nullable(),
            error: z.string().nullable().describe('why no answer came (timeout, refused address…)'),
            refusal: z.enum(['egress', 'credentials']).nullable(),
            durationMs: z.number(),
          }).optional(),
          fields: z
            .array(z.string())
            .optional()
            .describe("what `webhook.<field>` reads on this answer, for the editor's suggestions"),
        }),
        example: {
          request: sentRequestExample,
          response: { ...receivedResponseExample, error: null, refusal: null, durationMs: 41 },
          fields: ['ok', 'status', 'headers', 'data', 'json'],
        },
      },
    },
    store: 'read',
  },
  checkTemplates: {
    tag,
    summary: 'Check templates',
    description:
      'Parses template sources (up to 1,000 per request, keyed by the field they come from, e.g. `config.body`) and answers every syntax error with its line and column, and the `[[ parameters ]]` they declare. With `format`, `config.body` is also judged as JSON or XML once `parameters` are substituted. Nothing is rendered or saved; always 200: read `issues`.',
    bodyExample: { sources: { 'config.body': '{"customer": {{ customer.id }' }, format: 'json' },
    responses: {
      200: {
        description: 'The problems found and the parameters declared',
        schema: z.object({
          issues: z.array(
            z.object({
              field: z.string(),
              message: z.string(),
              line: z.number().int().optional(),
              column: z.number().int().optional(),
            }),
          ),
          parameters: z.array(TemplateParameterSchema),
        }),
        example: {
          issues: [
            {
              field: 'config.body',
              message: 'expected variable end (line 1, column 29)',
              line: 1,
              column: 29,
            },
          ],
          parameters: [],
        },
      },
    },
    store: 'none',
  },
} satisfies Record<string, OperationDocs>;
