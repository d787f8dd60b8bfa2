import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors.ts';
import { authorOf } from '../http/api-key-auth.ts';
import { memberRunId } from '../store/cohort-members.ts';
import type { DeliveryRecord } from '../store/ports/delivery-store.ts';
import type { RunRecord } from '../store/ports/run-store.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { runDocs as docs } from './docs/run-docs.ts';

const RunsQuery = z.object({
  scenarioId: z.string().max(100).optional(),
  status: z.enum(['running', 'waiting', 'completed', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().max(100).optional(),
});

/** The machine snapshot is internal; clients see the run's position and history instead. */
const publicRun = ({ snapshot: _snapshot, rev: _rev, ...run }: RunRecord) => ({
  ...run,
  wakeAt: run.wakeAt === null ? null : new Date(run.wakeAt).toISOString(),
});

/** Run history: list and one run with every step (rendered requests and responses). */
export const runRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get('/runs', { schema: documented(docs.list, { querystring: RunsQuery }) }, async (request) => {
      const runs = await deps.store.runs.list(request.query);
      return {
        items: runs.map(publicRun),
        next: runs.length === request.query.limit ? runs.at(-1)?.id : null,
      };
    });

    api.get(
      '/runs/:id',
      { schema: documented(docs.get, { params: z.object({ id: z.string().max(100) }) }) },
      async (request) => {
        const run = await deps.store.runs.get(request.params.id);
        if (!run) throw notFound('run', request.params.id);
        return { ...publicRun(run), steps: await deps.store.runs.steps(run.id) };
      },
    );

    api.post(
      '/runs/:id/retry',
      { schema: documented(docs.retry, { params: z.object({ id: z.string().max(100) }) }) },
      async (request, reply) => {
        const run = await deps.runtime.retry.retryRun(request.params.id, authorOf(request));
        return reply.status(202).send(publicRun(run));
      },
    );

    // A batch request is stored once, on its delivery; its runs' history points here.
    api.get(
      '/deliveries/:id',
      { schema: documented(docs.delivery, { params: z.object({ id: z.string().max(100) }) }) },
      async (request) => {
        const delivery = await deps.store.deliveries.get(request.params.id);
        if (!delivery) throw notFound('delivery', request.params.id);
        const { id, nodeId, status, attempts, request: sent, createdAt } = delivery;
        // The latest answer, kept whole in the history of the delivery's first run.
        const steps = await deps.store.runs.steps(delivery.runId);
        const answered = steps.findLast(
          (step) => step.detail['deliveryId'] === id && step.detail['response'],
        );
        return {
          id,
          nodeId,
          status,
          attempts,
          request: sent,
          response: answered?.detail['response'] ?? null,
          runIds: await answeredRuns(deps, delivery),
          createdAt,
        };
      },
    );
  };

/** The runs a delivery answers: its run, a batch's runs, or every member of a cohort. */
async function answeredRuns(deps: AppDeps, delivery: DeliveryRecord): Promise<string[]> {
  if (delivery.cohortId) {
    const cohort = await deps.store.cohorts.get(delivery.cohortId);
    return cohort ? cohort.customerIds.map((_, index) => memberRunId(cohort.id, index)) : [delivery.runId];
  }
  return (delivery.batchRuns ?? [{ runId: delivery.runId }]).map((run) => run.runId);
}
