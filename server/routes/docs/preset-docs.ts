import { z } from 'zod';
import { LibraryPresetSchema, PresetDefinitionSchema } from '../../../engine/presets/index.ts';
import { TemplateParameterSchema } from '../../../engine/template/index.ts';
import { TimeSchema } from '../../api-docs/doc-schemas.ts';
import type { OperationDocs } from '../../api-docs/operation-docs.ts';
import { PresetExportSchema } from '../../presets/preset-exchange.ts';

const tag = 'Presets';

const PresetSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z
    .number()
    .int()
    .describe('the current version; nodes stay pinned to the version they were made from'),
  needsCredentials: z.boolean().describe('imported without its integration: pick one before nodes can send'),
  definition: PresetDefinitionSchema,
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
  parameters: z
    .array(TemplateParameterSchema.extend({ help: z.string() }))
    .describe('the `[[ parameters ]]` a node made from it asks for, with their help text'),
});

const definitionInput = {
  name: 'Order notifier',
  description: 'Tells the shop system about an order',
  category: 'Commerce',
  webhook: {
    method: 'POST',
    url: 'https://shop.example.com/orders/[[ shop : string ]]',
    body: '{"customer":"{{ customer.id }}","note":"[[ note : text = thanks ]]"}',
  },
  parameters: { shop: 'Shop code', note: 'A word for the customer' },
};

const definition = {
  ...definitionInput,
  webhook: {
    ...definitionInput.webhook,
    query: [],
    headers: [],
    format: 'json',
    responseFormat: 'json',
    timeoutMs: 10000,
    retry: { maxAttempts: 5, maxTotalMs: 3600000, initialDelayMs: 1000, maxDelayMs: 600000 },
  },
};

const preset = {
  id: 'pre_01k99d33oklm01t4p1f5htk870',
  name: 'Order notifier',
  version: 2,
  needsCredentials: false,
  definition,
  createdAt: '2026-12-07T23:23:15.092Z',
  updatedAt: '2026-12-08T10:02:11.540Z',
  parameters: [
    { name: 'shop', type: 'string', options: [], help: 'Shop code' },
    { name: 'note', type: 'text', options: [], default: 'thanks', help: 'A word for the customer' },
  ],
};

const libraryPreset = {
  id: 'lib:slack-incoming-webhook',
  version: 1,
  slug: 'slack-incoming-webhook',
  name: 'Slack incoming webhook',
  description: 'Posts a message to a Slack channel through an incoming webhook URL.',
  category: 'Messaging',
  docs: 'https://api.slack.com/messaging/webhooks',
  parameters: { webhook_url: "The channel's incoming webhook URL", text: 'Message text' },
  webhook: {
    method: 'POST',
    url: '[[ webhook_url ]]',
    query: [],
    headers: [],
    body: '{"text": "[[ text : text = New event {{ event.type }} ]]"}',
    format: 'json',
    responseFormat: 'json',
    timeoutMs: 10000,
    retry: { maxAttempts: 5, maxTotalMs: 3600000, initialDelayMs: 1000, maxDelayMs: 600000 },
  },
  sample: { parameters: { webhook_url: 'https://hooks.slack.com/services/T000/B000/XXXX', text: 'Hello' } },
};

const exported = {
  format: 'hookflow-presets',
  version: 1,
  presets: [{ definition, needsCredentials: false }],
};

const notFound = { not_found: `preset "${preset.id}" does not exist` };
const invalid = {
  validation_failed:
    'preset "Order notifier" cannot be saved: webhook.body: the body is not valid JSON: Unexpected token } at 1:42',
};

export const presetDocs = {
  list: {
    tag,
    summary: 'List presets',
    description:
      'Your presets by name, each at its current version with the parameters a node made from it asks for, and the read-only template library (`library`, ids `lib:<slug>`).',
    responses: {
      200: {
        description: 'Your presets and the library',
        schema: z.object({
          items: z.array(PresetSchema),
          library: z.array(LibraryPresetSchema.extend({ id: z.string(), version: z.number().int() })),
        }),
        example: { items: [preset], library: [libraryPreset] },
      },
    },
  },
  create: {
    tag,
    summary: 'Create a preset',
    description:
      "Saves a webhook definition as version 1 of a new preset. `[[ name : type = default ]]` marks a parameter a node fills in; `parameters` holds their help texts. The request is judged as a node's is at activation (templates, URL, a JSON or XML body) and refused with the field at fault (400 `validation_failed`). Not idempotent.",
    bodyExample: definitionInput,
    responses: {
      201: { description: 'The preset, version 1', schema: PresetSchema, example: { ...preset, version: 1 } },
    },
    errors: invalid,
  },
  export: {
    tag,
    summary: 'Export presets',
    description:
      'An export file of the presets whose ids are listed in `ids` (comma-separated), or of all of yours. Integration ids are left out (`needsCredentials` marks the presets that had one): import the file on another server with `POST /api/presets/import`.',
    responses: { 200: { description: 'The export file', schema: PresetExportSchema, example: exported } },
    errors: notFound,
  },
  import: {
    tag,
    summary: 'Import presets',
    description:
      'Imports an export file, all or nothing. A preset named like one of yours (trimmed, any case) clashes: `onConflict` (or `resolutions` by position in the file) says whether it becomes a `new-version` of yours, is kept beside it under a free name (`keep-both`, `Name (2)`) or is left out (`skip`). With `ask` (the default) a clash refuses the import (409) and lists the clashes in `issues`, so the client can ask and retry. Retrying with `new-version` is idempotent: a preset already the same is `unchanged`.',
    bodyExample: { ...exported, onConflict: 'ask', resolutions: { '0': 'new-version' } },
    responses: {
      201: {
        description: 'The presets created or given a new version, and what became of each preset of the file',
        schema: z.object({
          items: z.array(PresetSchema),
          outcomes: z.array(
            z.object({
              index: z.number().int(),
              name: z.string(),
              outcome: z.enum(['created', 'new-version', 'unchanged', 'skipped']),
              id: z.string(),
              version: z.number().int(),
            }),
          ),
        }),
        example: {
          items: [preset],
          outcomes: [{ index: 0, name: 'Order notifier', outcome: 'new-version', id: preset.id, version: 2 }],
        },
      },
    },
    errors: {
      ...invalid,
      conflict:
        'nothing was imported: presets.0: a preset named "Order notifier" exists (version 2): choose new-version, keep-both or skip',
    },
  },
  get: {
    tag,
    summary: 'Get a preset',
    description: 'One of your presets at its current version, or a library preset (`lib:<slug>`).',
    responses: { 200: { description: 'The preset', schema: PresetSchema, example: preset } },
    errors: notFound,
  },
  update: {
    tag,
    summary: 'Save a new version of a preset',
    description:
      "Saves the definition as the preset's next version. Nodes made from an older version keep sending that version until they are updated in the editor (their scenario then needs activating again). Judged like `POST /api/presets`. Library presets are read-only (409).",
    bodyExample: definitionInput,
    responses: {
      200: { description: 'The preset at its new version', schema: PresetSchema, example: preset },
    },
    errors: { ...invalid, ...notFound, conflict: 'library presets are read-only: create your own copy' },
  },
  delete: {
    tag,
    summary: 'Delete a preset',
    description:
      'Deletes the preset and all its versions. Scenario versions already activated keep the webhook they froze; a draft node made from it is reported at the next validation. Library presets cannot be deleted (409).',
    responses: { 204: { description: 'Deleted' } },
    errors: { ...notFound, conflict: 'library presets cannot be deleted' },
  },
  versions: {
    tag,
    summary: "List a preset's versions",
    description: 'Every version of the preset, newest first, with its definition.',
    responses: {
      200: {
        description: 'The versions',
        schema: z.object({
          items: z.array(
            z.object({
              version: z.number().int(),
              createdAt: TimeSchema,
              definition: PresetDefinitionSchema,
            }),
          ),
        }),
        example: { items: [{ version: 2, createdAt: preset.updatedAt, definition }] },
      },
    },
    errors: notFound,
  },
} satisfies Record<string, OperationDocs>;
