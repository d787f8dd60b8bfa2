import { z } from 'zod';
import { TimeSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';
import type { SUGGESTION_BOUNDS } from '../suggestions.ts';

const tag = 'Suggestions';

const NameCountSchema = z.object({ name: z.string(), count: z.number().int() });

/** The suggestion routes' docs; their limits are the route's own bounds, so the text cannot lag. */
export const suggestionDocs = (bounds: typeof SUGGESTION_BOUNDS) =>
  ({
    eventTypes: {
      tag,
      summary: 'Event types received lately',
      description: `The event types received in the last 30 days, latest first (at most ${bounds.types}), each with when it was last received and how many arrived, counted up to ${bounds.typeCountCap.toLocaleString('en-US')} (\`capped\` says the count is a floor). The event trigger's type field suggests them.`,
      responses: {
        200: {
          description: 'The types and their counts',
          schema: z.object({
            since: TimeSchema,
            items: z.array(
              z.object({
                type: z.string(),
                lastSeen: TimeSchema,
                count: z.number().int(),
                capped: z.boolean(),
              }),
            ),
          }),
          example: {
            since: '2026-11-07T23:23:14.000Z',
            items: [
              { type: 'order.paid', lastSeen: '2026-12-07T23:23:14.223Z', count: 1000, capped: true },
              { type: 'signup', lastSeen: '2026-12-07T22:01:09.812Z', count: 48, capped: false },
            ],
          },
        },
      },
    },
    eventProperties: {
      tag,
      summary: 'Property names of an event type',
      description: `The top-level property names of the latest ${bounds.eventSample} events of \`type\`, with how many of them carry each, most common first. Conditions suggest them as \`event.properties.<name>\`.`,
      responses: {
        200: {
          description: 'The names and how many sampled events carry each',
          schema: z.object({ type: z.string(), sample: z.number().int(), items: z.array(NameCountSchema) }),
          example: {
            type: 'order.paid',
            sample: bounds.eventSample,
            items: [
              { name: 'total', count: 500 },
              { name: 'coupon', count: 37 },
            ],
          },
        },
      },
    },
    customerAttributes: {
      tag,
      summary: 'Attribute names of customers',
      description: `The top-level attribute names of the ${bounds.customerSample.toLocaleString('en-US')} most recently updated customers, with how many of them carry each, most common first. Conditions suggest them as \`customer.<name>\`.`,
      responses: {
        200: {
          description: 'The names and how many sampled customers carry each',
          schema: z.object({ sample: z.number().int(), items: z.array(NameCountSchema) }),
          example: {
            sample: bounds.customerSample,
            items: [
              { name: 'plan', count: 812 },
              { name: 'email', count: 640 },
            ],
          },
        },
      },
    },
    responseFields: {
      tag,
      summary: "Fields of a webhook node's last response",
      description:
        "The fields `webhook.<field>` reads on the latest response this webhook node recorded in a run (any version): the JSON body's fields as dotted paths up to 3 levels, then `status`, `headers`, `data`, `json`. `response` is null until a run received one. Conditions and templates after the node suggest them.",
      responses: {
        200: {
          description: 'Where the fields come from, and the fields',
          schema: z.object({
            response: z.object({ at: TimeSchema, status: z.number().int(), runId: z.string() }).nullable(),
            fields: z.array(z.string()),
          }),
          example: {
            response: {
              at: '2026-12-07T23:23:14.293Z',
              status: 200,
              runId: 'run_01k99d32tftvjh439rfvt75jpl',
            },
            fields: ['id', 'user', 'status', 'headers', 'data', 'json', 'user.plan'],
          },
        },
      },
    },
  }) satisfies Record<string, OperationDocs>;
