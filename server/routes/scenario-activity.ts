import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors.ts';
import { documented } from '../api-docs/operation-docs.ts';
import { authorOf } from '../http/api-key-auth.ts';
import type { NodeActivityQuery, Store } from '../store/ports/index.ts';
import type { AppDeps } from './app-deps.ts';
import { scenarioActivityDocs as docs } from './docs/scenario-activity-docs.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** A scenario's latest steps at one node, newest first; 404 for a scenario that does not exist. */
export async function stepsAtNode(store: Store, query: NodeActivityQuery) {
  const scenario = await store.scenarios.get(query.scenarioId);
  if (!scenario) throw notFound('scenario', query.scenarioId);
  return store.runs.nodeActivity(query);
}

/** What the editor's canvas shows on an active scenario: node counts and a node's recent runs. */
export const scenarioActivityRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { store } = deps;

    api.get(
      '/scenarios/:id/stats',
      {
        schema: documented(docs.stats, {
          params: IdParams,
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        }),
      },
      async (request) => {
        const scenario = await store.scenarios.get(request.params.id);
        if (!scenario) throw notFound('scenario', request.params.id);
        // Every version by default: runs of an older version still move through its nodes.
        const version = request.query.version ?? null;
        return { version, nodes: await store.runs.nodeStats(scenario.id, version) };
      },
    );

    api.post(
      '/scenarios/:id/nodes/:nodeId/retry-failed',
      {
        schema: documented(docs.retryFailed, {
          params: IdParams.extend({ nodeId: z.string().min(1).max(64) }),
        }),
      },
      async (request, reply) => {
        const { id, nodeId } = request.params;
        const runIds = await deps.runtime.retry.retryNode(id, nodeId, authorOf(request));
        return reply.status(202).send({ retried: runIds.length, runIds });
      },
    );

    api.get(
      '/scenarios/:id/nodes/:nodeId/runs',
      {
        schema: documented(docs.nodeRuns, {
          params: IdParams.extend({ nodeId: z.string().min(1).max(64) }),
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(200).default(20),
            version: z.coerce.number().int().min(1).optional(),
          }),
        }),
      },
      async (request) => {
        const steps = await stepsAtNode(store, {
          scenarioId: request.params.id,
          nodeId: request.params.nodeId,
          limit: request.query.limit,
          version: request.query.version ?? null,
        });
        return {
          items: steps.map((step) => ({
            runId: step.runId,
            customerId: step.customerId,
            status: step.runStatus,
            version: step.runVersion,
            kind: step.kind,
            at: step.at,
            request: step.detail.request ?? null,
            response: step.detail.response ?? null,
            error: step.detail.error ?? null,
            // A batch step has no request of its own: the editor fetches the delivery's.
            batch: step.detail.batch ?? null,
            deliveryId: step.detail.deliveryId ?? null,
            attributes: step.detail.set ?? null,
            // The output the run left the node by (`yes`, `no`, `success`, `failure`).
            branch: step.detail.branch ?? null,
          })),
        };
      },
    );
  };
