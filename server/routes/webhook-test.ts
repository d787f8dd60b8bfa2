import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WebhookNodeSchema } from '../../engine/scenario/index.ts';
import { SECRET_PLACEHOLDER } from '../../engine/integrations/index.ts';
import { boundedJson, jsonObject } from '../../engine/validation/index.ts';
import {
  type RenderedRequest,
  RequestRenderError,
  renderBatchCustomer,
  renderRequest,
} from '../../engine/webhook/index.ts';
import { HookflowError } from '../errors.ts';
import { newOrderedId } from '../ids.ts';
import { AuthorizationError, type OutgoingRequest } from '../integrations/request-authorizer.ts';
import { renderContext } from '../runtime/render-context.ts';
import { responseFieldNames } from '../suggestions/response-field-names.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { webhookToolDocs } from './docs/webhook-tool-docs.ts';

const SampleResponseSchema = z.object({
  status: z.number().int().min(100).max(599).default(200),
  headers: z.record(z.string(), z.string()).default({}),
  data: z.string().default(''),
  json: boundedJson(z.unknown()).optional(),
});

/** Sample values are free-form JSON, bounded as the customers and events they stand for. */
const TestWebhookBody = z.object({
  node: WebhookNodeSchema,
  sample: z
    .object({
      customer: jsonObject('customer').default({}),
      event: z
        .object({
          type: z.string().default('sample'),
          properties: jsonObject('properties').default({}),
        })
        .optional(),
      responses: z.array(SampleResponseSchema).max(50).default([]),
      /** A batch node's customers; the one sample `customer` when absent. */
      customers: z.array(jsonObject('each customer')).min(1).max(1000).optional(),
    })
    .default({ customer: {}, responses: [] }),
  /** Also send the request and return the response. */
  send: z.boolean().default(false),
});

/** Renders a webhook node's request with sample data, and optionally sends it (the editor's Test button). */
export const webhookTestRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .post(
        '/webhooks/test',
        { schema: documented(webhookToolDocs.testWebhook, { body: TestWebhookBody }) },
        async (request) => {
          const { node, sample, send } = request.body;
          const now = new Date(deps.clock.now()).toISOString();
          const scenario = { id: 'scn_sample', name: 'Sample scenario', version: 1 };
          const contextFor = (customer: Record<string, unknown>) =>
            renderContext({
              customer: { id: 'sample-customer', ...customer },
              event: { id: null, type: 'sample', timestamp: now, properties: {}, ...sample.event },
              scenario,
              run: { id: 'run_sample', startedAt: now },
              webhooks: sample.responses.map((response) => ({ nodeId: 'sample', ...response })),
            });
          let rendered;
          try {
            // A batch node renders its customer template per customer, then its root once over them all.
            const context = node.config.batch
              ? {
                  scenario,
                  customers: (sample.customers ?? [sample.customer]).map((customer) =>
                    renderBatchCustomer({ node, context: contextFor(customer), templates: deps.templates }),
                  ),
                }
              : contextFor(sample.customer);
            rendered = renderRequest({ node, context, templates: deps.templates });
          } catch (error) {
            if (!(error instanceof RequestRenderError)) throw error;
            throw new HookflowError('bad_request', error.message, [
              { nodeId: node.id, field: error.field, message: error.message },
            ]);
          }
          if (!send) return { request: rendered };
          // A fresh id, as a new delivery gets: the receiver sees exactly what a real run sends.
          const outgoing = await authorize(deps, {
            rendered,
            webhookId: newOrderedId('msg', deps.clock.now()),
            nodeId: node.id,
            integrationId: node.config.integrationId,
          });
          const result = await deps.sender.send(outgoing.request, node.config.timeoutMs);
          // What `webhook.<field>` would read on this answer, for the editor's suggestions.
          const fields =
            result.status === null ? [] : responseFieldNames({ ...result, status: result.status });
          return { request: maskCredentials(outgoing), response: result, fields };
        },
      );
  };

async function authorize(
  deps: AppDeps,
  options: {
    rendered: RenderedRequest;
    webhookId: string;
    nodeId: string;
    integrationId: string | undefined;
  },
): Promise<OutgoingRequest> {
  try {
    return await deps.authorizer.authorize(options.rendered, {
      webhookId: options.webhookId,
      integrationId: options.integrationId ?? null,
    });
  } catch (error) {
    if (!(error instanceof AuthorizationError)) throw error;
    const issue = { nodeId: options.nodeId, field: 'config.integrationId', message: error.message };
    throw new HookflowError('bad_request', error.message, [issue]);
  }
}

/**
 * The request as sent, with the values of credential headers replaced by the placeholder; the
 * signature headers stay, since a receiver needs them to debug its verification.
 */
function maskCredentials({ request, secretHeaders }: OutgoingRequest): RenderedRequest {
  const masked = { ...request.headers };
  for (const name of secretHeaders) if (name in masked) masked[name] = SECRET_PLACEHOLDER;
  return { ...request, headers: masked };
}
