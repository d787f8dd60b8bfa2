import { z } from 'zod';
import { TimeSchema, pageOf } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';
import { IMPORT_LIMITS } from '../../customers/import-customers.ts';

const tag = 'Customers';

const CustomerSchema = z.object({
  id: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

const attributes = {
  user_id: '+33612345678',
  user_phone_number: '+33612345678',
  bot_channel: 'whatsapp',
  plan: 'pro',
};

const customer = {
  id: '+33612345678',
  attributes,
  createdAt: '2026-12-07T23:23:14.202Z',
  updatedAt: '2026-12-07T23:23:14.210Z',
};

const notFound = { not_found: `customer "${customer.id}" does not exist` };

const written = (verb: string) => ({
  200: { description: `The customer, ${verb}`, schema: CustomerSchema, example: customer },
  201: { description: 'The customer, created (it did not exist)', schema: CustomerSchema, example: customer },
});

export const customerDocs = {
  list: {
    tag,
    summary: 'List customers',
    description:
      'Customers in id order, optionally only those an audience `filter` selects (JSON, the rules a launch hook\'s audience uses, e.g. `{"rules":[{"field":"customer.plan","criteria":"equals","value":"pro"}]}`). Paged: `limit` (1–1,000, default 100), then pass the answer\'s `next` as `after`.',
    responses: {
      200: {
        description: 'A page of customers',
        schema: pageOf(CustomerSchema, 'after'),
        example: { items: [customer], next: null },
      },
    },
  },
  get: {
    tag,
    summary: 'Get a customer',
    description:
      "The customer's attributes as stored: what conditions and templates read as `customer.<name>`.",
    responses: { 200: { description: 'The customer', schema: CustomerSchema, example: customer } },
    errors: notFound,
  },
  replace: {
    tag,
    summary: 'Create or replace a customer',
    description:
      "Sets the customer's attributes to exactly the object sent (attributes not in it are removed); creates the customer when unknown (201). Idempotent. Attributes are free-form JSON, up to 32 levels and 64 KiB; `user_id`, `user_phone_number` and `bot_channel` are indexed for audiences. Subscriptions to `customer.attributes_changed` are told of the change.",
    bodyExample: attributes,
    responses: written('replaced'),
  },
  merge: {
    tag,
    summary: "Create or update a customer's attributes",
    description:
      'Merges the object sent into the attributes, key by key at the top level: a key set to `null` is removed, keys not sent are kept. Creates the customer when unknown (201). Idempotent. Subscriptions to `customer.attributes_changed` are told of the change.',
    bodyExample: { plan: 'team', favorite_color: null },
    responses: written('updated'),
  },
  import: {
    tag,
    summary: 'Import customers from NDJSON or CSV',
    description: `Creates or updates customers from a file streamed in the body: \`application/x-ndjson\`, one \`{"id": "...", "attributes": {...}}\` per line, or \`text/csv\` with a header line naming the columns (\`id\` and one column per attribute, values as text, an empty cell sets nothing). Attributes are merged (top-level keys; \`null\` is stored as null), so importing the same file again is idempotent. Lines are read as they arrive, never held whole, and written ${IMPORT_LIMITS.batchSize.toLocaleString('en-US')} per transaction; a bad line (not JSON, a bad id, attributes deeper than 32 levels or larger than 64 KiB, a line over ${IMPORT_LIMITS.maxLineBytes / 1024} KiB) is reported with its line number and the others are imported. The answer lists the first ${IMPORT_LIMITS.maxErrors.toLocaleString('en-US')} errors. Subscriptions to \`customer.attributes_changed\` are told of each change.`,
    rawBody: {
      'application/x-ndjson':
        '{"id":"+33612345678","attributes":{"plan":"pro","bot_channel":"whatsapp"}}\n{"id":"+447700900123","attributes":{"plan":"free"}}\n',
      'text/csv': 'id,plan,bot_channel\n+33612345678,pro,whatsapp\n+447700900123,free,\n',
    },
    responses: {
      200: {
        description: 'What was imported, and every bad line by number',
        schema: z.object({
          format: z.enum(['ndjson', 'csv']),
          lines: z.number().int().describe('records read (blank lines and a CSV header aside)'),
          imported: z.number().int(),
          failed: z.number().int(),
          errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
          errorsTruncated: z.boolean().describe('more lines failed than `errors` lists'),
        }),
        example: {
          format: 'ndjson',
          lines: 3,
          imported: 2,
          failed: 1,
          errors: [
            { line: 2, message: "not valid JSON: Expected property name or '}' in JSON at position 1" },
          ],
          errorsTruncated: false,
        },
      },
    },
    errors: {
      bad_request:
        'CSV header (line 1): no "id" column; the first line names the columns, e.g. id,plan,email',
      unsupported_media_type:
        'send the file as application/x-ndjson (one {"id","attributes"} object per line) or text/csv (a header line with an id column)',
    },
  },
  delete: {
    tag,
    summary: 'Delete a customer',
    description:
      'Deletes the customer and its attributes. Its runs stay in the run history; a later event for the same id creates the customer again.',
    responses: { 204: { description: 'Deleted' } },
    errors: notFound,
  },
} satisfies Record<string, OperationDocs>;
