import { z } from 'zod';
import { ThroughputPolicyInputSchema } from '../../../engine/throughput/index.ts';
import { TimeSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';

const tag = 'Throughput policies';

const PolicySchema = ThroughputPolicyInputSchema.extend({
  id: z.string(),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

const policy = {
  id: 'tp_01k99d341t1eicbtrq1964odob',
  name: 'CRM',
  concurrency: 5,
  createdAt: '2026-12-07T23:23:15.389Z',
  updatedAt: '2026-12-07T23:23:15.389Z',
};

const notFound = { not_found: `throughput policy "${policy.id}" does not exist` };

export const throughputPolicyDocs = {
  list: {
    tag,
    summary: 'List throughput policies',
    description:
      'Every policy by name with its limit. Webhook nodes name a policy in `config.throughputPolicyId`; the editor lists these to pick from.',
    responses: {
      200: {
        description: 'The policies',
        schema: z.object({ items: z.array(PolicySchema) }),
        example: { items: [policy] },
      },
    },
  },
  create: {
    tag,
    summary: 'Create a throughput policy',
    description:
      'A limit of `concurrency` (1–1,000) requests in flight at once, shared by every webhook node (single or batch, in any scenario) that names the policy in `throughputPolicyId`, across all server processes. Requests over the limit wait their turn; requests of runs started by events go before those of launch hooks and schedules. Not idempotent.',
    bodyExample: { name: 'CRM', concurrency: 5 },
    responses: { 201: { description: 'The policy as saved', schema: PolicySchema, example: policy } },
  },
  get: {
    tag,
    summary: 'Get a throughput policy',
    description:
      "The policy's name and its limit of requests in flight at once, shared by every webhook that names it.",
    responses: { 200: { description: 'The policy', schema: PolicySchema, example: policy } },
    errors: notFound,
  },
  update: {
    tag,
    summary: 'Replace a throughput policy',
    description: 'Sets the name and the limit; the new limit applies from the next requests. Idempotent.',
    bodyExample: { name: 'CRM', concurrency: 10 },
    responses: {
      200: {
        description: 'The policy as saved',
        schema: PolicySchema,
        example: { ...policy, concurrency: 10, updatedAt: '2026-12-07T23:23:15.446Z' },
      },
    },
    errors: notFound,
  },
  delete: {
    tag,
    summary: 'Delete a throughput policy',
    description:
      'Deletes a policy no active scenario uses; while one does, it is refused (409) naming those scenarios: move them to another policy or stop them first.',
    responses: { 204: { description: 'Deleted' } },
    errors: {
      ...notFound,
      conflict:
        'throughput policy "CRM" is used by active scenarios: "Order paid → CRM" (scn_01k99d32jeil2d4njals0k6ha8); move them to another policy or stop them first',
    },
  },
} satisfies Record<string, OperationDocs>;
