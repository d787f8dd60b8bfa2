import { z } from 'zod';
import { TimeSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';

const tag = 'Integrations';

const IntegrationSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(['basic', 'bearer', 'headers', 'signed', 'oauth2']),
  endpointPrefix: z.string().describe('webhooks whose URL starts with it get its credentials'),
  settings: z.record(z.string(), z.unknown()).describe("the type's fields; secret ones read `••••••••`"),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

const input = {
  name: 'CRM',
  type: 'bearer',
  endpointPrefix: 'https://crm.example.com/api/v1',
  token: 'crm-live-9f2b6c0e',
  test: { method: 'GET', path: '/me' },
};

const integration = {
  id: 'int_01k99d33ia3cd3rspsiq48e1cl',
  name: 'CRM',
  type: 'bearer',
  endpointPrefix: 'https://crm.example.com/api/v1',
  settings: { token: '••••••••', test: { method: 'GET', path: '/me' } },
  createdAt: '2026-12-07T23:23:14.890Z',
  updatedAt: '2026-12-07T23:23:14.890Z',
};

const notFound = { not_found: `integration "${integration.id}" does not exist` };

export const integrationDocs = {
  list: {
    tag,
    summary: 'List integrations',
    description: 'Every integration by name, secrets masked as `••••••••`.',
    responses: {
      200: {
        description: 'The integrations',
        schema: z.object({ items: z.array(IntegrationSchema) }),
        example: { items: [integration] },
      },
    },
  },
  create: {
    tag,
    summary: 'Create an integration',
    description:
      'Stores credentials for the webhooks whose URL starts with `endpointPrefix`; secret fields (`password`, `token`, secret `headers`, `clientSecret`, `secret`) are encrypted at rest and never answered. `type` picks the fields: `basic` (`username`, `password`), `bearer` (`token`), `headers` (`headers`), `signed` (Standard Webhooks signature; a `secret` `whsec_…` is generated when omitted and answered this once, in `secret`) or `oauth2` (client credentials: `tokenUrl`, `clientId`, `clientSecret`, `scope`, `audience`; tokens are fetched and cached). Not idempotent.',
    bodyExample: input,
    responses: {
      201: {
        description:
          'The integration, secrets masked (a generated signing secret is answered in `secret`, once)',
        schema: IntegrationSchema.extend({ secret: z.string().optional() }),
        example: integration,
      },
    },
  },
  get: {
    tag,
    summary: 'Get an integration',
    description: 'The integration with its settings, secrets masked as `••••••••`.',
    responses: { 200: { description: 'The integration', schema: IntegrationSchema, example: integration } },
    errors: notFound,
  },
  update: {
    tag,
    summary: 'Replace an integration',
    description:
      'Replaces every field. Send `••••••••` back in a secret field to keep the stored secret, a new value to change it. The `type` cannot change (400): create a new integration. Webhooks use the new credentials from their next attempt, in every server process. Idempotent.',
    bodyExample: { ...input, token: '••••••••' },
    responses: {
      200: { description: 'The integration as saved', schema: IntegrationSchema, example: integration },
    },
    errors: notFound,
  },
  delete: {
    tag,
    summary: 'Delete an integration',
    description:
      'Deletes the integration and its secrets. Webhooks that still name it fail their next attempt without sending anything.',
    responses: { 204: { description: 'Deleted' } },
    errors: notFound,
  },
  test: {
    tag,
    summary: "Test an integration's credentials",
    description:
      "Calls the integration's test endpoint (`test.method` and `test.path` under the endpoint prefix; `GET` the prefix itself by default) with its credentials attached, once, with a 10 s timeout. `ok` is true only for a 200 answer; otherwise `error` says why. Always 200: read `ok`.",
    responses: {
      200: {
        description: 'Whether the endpoint accepted the credentials',
        schema: z.object({
          ok: z.boolean(),
          status: z.number().int().nullable(),
          error: z.string().nullable().optional(),
        }),
        example: {
          ok: false,
          status: 401,
          error: 'the test endpoint answered 401; only 200 counts as success',
        },
      },
    },
    errors: notFound,
  },
} satisfies Record<string, OperationDocs>;
