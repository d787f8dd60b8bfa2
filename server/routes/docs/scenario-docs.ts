import { z } from 'zod';
import {
  DraftDefinitionSchema,
  ScenarioDefinitionSchema,
  ScenarioStatusSchema,
} from '../../../engine/scenario/index.ts';
import { TimeSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';

const tag = 'Scenarios';

export const ScenarioSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: ScenarioStatusSchema.describe('`draft` (never activated), `active` or `stopped`'),
  definition: DraftDefinitionSchema.describe('the editable draft; activation freezes it into a version'),
  activeVersion: z
    .number()
    .int()
    .nullable()
    .describe('the version new runs start on; null before the first activation'),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
  updatedBy: z.string().nullable().describe('the name of the API key that last saved the draft'),
});

const ScenarioVersionSchema = z.object({
  scenarioId: z.string(),
  version: z.number().int(),
  name: z.string(),
  definition: ScenarioDefinitionSchema.describe('the graph as activated, every setting filled in'),
  createdAt: TimeSchema,
  author: z.string().nullable().describe('the name of the API key that activated it'),
});

/** trigger on `order.paid` → POST to the CRM: the scenario every example of this section shows. */
export const draftExample = {
  nodes: [
    { id: 'start', type: 'trigger.event', position: { x: 0, y: 0 }, config: { eventType: 'order.paid' } },
    {
      id: 'notify',
      type: 'webhook',
      position: { x: 0, y: 150 },
      config: {
        method: 'POST',
        url: 'https://crm.example.com/orders',
        body: '{"customer":"{{ customer.id }}","total":{{ event.properties.total }}}',
      },
    },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'notify', sourceHandle: 'out' }],
};

export const scenarioExample = {
  id: 'scn_01k99d32jeil2d4njals0k6ha8',
  name: 'Order paid → CRM',
  description: 'Tells the CRM about every paid order',
  status: 'active',
  definition: draftExample,
  activeVersion: 1,
  createdAt: '2026-12-07T23:23:13.902Z',
  updatedAt: '2026-12-07T23:23:14.192Z',
  updatedBy: 'admin key',
};

const versionExample = {
  scenarioId: scenarioExample.id,
  version: 1,
  name: scenarioExample.name,
  definition: {
    nodes: [
      {
        id: 'start',
        position: { x: 0, y: 0 },
        type: 'trigger.event',
        config: { eventType: 'order.paid', conditions: { rules: [] } },
      },
      {
        id: 'notify',
        position: { x: 0, y: 150 },
        type: 'webhook',
        config: {
          method: 'POST',
          url: 'https://crm.example.com/orders',
          query: [],
          headers: [],
          body: '{"customer":"{{ customer.id }}","total":{{ event.properties.total }}}',
          format: 'json',
          responseFormat: 'json',
          timeoutMs: 10000,
          retry: { maxAttempts: 5, maxTotalMs: 3600000, initialDelayMs: 1000, maxDelayMs: 600000 },
          parameters: {},
        },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'notify', sourceHandle: 'out' }],
  },
  createdAt: '2026-12-07T23:23:14.192Z',
  author: 'admin key',
};

const IssueSchema = z.object({
  nodeId: z.string().optional(),
  field: z.string().optional(),
  message: z.string(),
});

const notFound = { not_found: `scenario "${scenarioExample.id}" does not exist` };

export const scenarioDocs = {
  list: {
    tag,
    summary: 'List scenarios',
    description:
      'Scenarios newest first, each with its draft. Paged by `limit` (1–500, default 100) and `offset`: a page shorter than `limit` is the last one.',
    responses: {
      200: {
        description: 'A page of scenarios',
        schema: z.object({ items: z.array(ScenarioSchema) }),
        example: { items: [scenarioExample] },
      },
    },
  },
  create: {
    tag,
    summary: 'Create a scenario',
    description:
      "Saves a new scenario as a `draft`: nothing runs until it is activated. The draft's graph is checked for shape only (node ids, types, edges; up to 2,000 nodes and 4,000 edges): node settings may be unfinished, and `POST /api/scenarios/validate` or activation reports what is missing. Not idempotent: each call creates a scenario.",
    bodyExample: {
      name: 'Order paid → CRM',
      description: 'Tells the CRM about every paid order',
      definition: draftExample,
    },
    responses: {
      201: {
        description: 'The scenario as saved',
        schema: ScenarioSchema,
        example: {
          ...scenarioExample,
          status: 'draft',
          activeVersion: null,
          updatedAt: scenarioExample.createdAt,
        },
      },
    },
  },
  get: {
    tag,
    summary: 'Get a scenario',
    description:
      'The scenario with its current draft. The graph that runs is its active version (`GET /api/scenarios/{id}/versions/{version}`).',
    responses: { 200: { description: 'The scenario', schema: ScenarioSchema, example: scenarioExample } },
    errors: notFound,
  },
  update: {
    tag,
    summary: "Update a scenario's draft",
    description:
      'Replaces the fields given (`name`, `description`, `definition`) and keeps the others. Only the draft changes: an active scenario keeps running its active version until it is activated again. The editor autosaves through this operation.',
    bodyExample: { name: 'Order paid → CRM and Slack' },
    responses: {
      200: {
        description: 'The scenario as saved',
        schema: ScenarioSchema,
        example: {
          ...scenarioExample,
          name: 'Order paid → CRM and Slack',
          updatedAt: '2026-12-08T09:12:40.120Z',
        },
      },
    },
    errors: notFound,
  },
  delete: {
    tag,
    summary: 'Delete a scenario',
    description:
      'Deletes a draft or stopped scenario with its versions and launch hook URLs. Runs already made stay in the run history. An active scenario is refused (409): deactivate it first.',
    responses: { 204: { description: 'Deleted' } },
    errors: {
      ...notFound,
      conflict: `scenario "${scenarioExample.id}" is active: deactivate it before deleting it`,
    },
  },
  validate: {
    tag,
    summary: 'Validate a scenario graph',
    description:
      "Judges a definition as activation would, without saving anything: every node's settings, templates, the graph (one trigger, reachable nodes, edges from existing outputs) and preset nodes filled from their pinned versions. Every problem is reported at once, by node and field. Always 200: read `ok`.",
    bodyExample: draftExample,
    responses: {
      200: {
        description: '`ok` and every problem found',
        schema: z.object({ ok: z.boolean(), issues: z.array(IssueSchema) }),
        example: {
          ok: false,
          issues: [
            {
              nodeId: 'notify',
              field: 'config.url',
              message: 'Invalid input: expected string, received undefined',
            },
            { message: 'a scenario needs at least one trigger node' },
          ],
        },
      },
    },
    store: 'read',
  },
  activate: {
    tag,
    summary: 'Activate a scenario',
    description:
      'Validates the draft, freezes it into a new numbered version and makes it the one new runs start on; runs already under way finish on their own version. Its triggers start listening (events at once, schedules and launch hooks from now). Idempotent: when the draft runs the same as the active version no new version is made and `unchanged` is true. A draft with problems is refused with every problem in `issues` (400 `validation_failed`).',
    responses: {
      200: {
        description: 'The scenario, the version it now runs, and whether that version already existed',
        schema: z.object({
          scenario: ScenarioSchema,
          version: ScenarioVersionSchema,
          unchanged: z.boolean(),
        }),
        example: { scenario: scenarioExample, version: versionExample, unchanged: false },
      },
    },
    errors: {
      validation_failed:
        'scenario cannot be activated: node "notify" config.url: Invalid input: expected string, received undefined',
      ...notFound,
    },
  },
  deactivate: {
    tag,
    summary: 'Deactivate a scenario',
    description:
      'Stops the scenario: no new run starts (events no longer trigger it, its schedules and launch hooks stop). Runs already under way go on to their end. Activate it again to resume. Idempotent.',
    responses: {
      200: {
        description: 'The scenario, now `stopped`',
        schema: ScenarioSchema,
        example: { ...scenarioExample, status: 'stopped' },
      },
    },
    errors: notFound,
  },
  versions: {
    tag,
    summary: "List a scenario's versions",
    description:
      'Every activated version, newest first, with the graph each runs and who activated it. Versions are never changed or deleted while their scenario exists.',
    responses: {
      200: {
        description: 'The versions',
        schema: z.object({ items: z.array(ScenarioVersionSchema) }),
        example: { items: [versionExample] },
      },
    },
    errors: notFound,
  },
  version: {
    tag,
    summary: 'Get one version of a scenario',
    description:
      'The frozen graph of one version, every setting filled in with its default: what runs pinned to this version execute.',
    responses: {
      200: { description: 'The version', schema: ScenarioVersionSchema, example: versionExample },
    },
    errors: { not_found: `version "${scenarioExample.id}@3" does not exist` },
  },
} satisfies Record<string, OperationDocs>;
