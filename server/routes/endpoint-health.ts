import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { endpointHealth } from '../../engine/webhook/index.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { runDocs } from './docs/run-docs.ts';

/** At most this many of the newest closed deliveries are summed: the view stays a few ms. */
export const HEALTH_SAMPLE = 10_000;

const Query = z.object({
  hours: z.coerce.number().int().min(1).max(168).default(24).describe('how far back to look'),
});

/**
 * How scenario webhooks are doing per host, from the deliveries stored (whichever process sent
 * them): success rate, failures in a row, last error. A warning only: webhooks to a failing host
 * keep being sent (their retry policy and failure edges decide).
 */
export const endpointHealthRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/endpoint-health',
        { schema: documented(runDocs.endpointHealth, { querystring: Query }) },
        async (request) => {
          const since = deps.clock.now() - request.query.hours * 3600_000;
          const outcomes = await deps.store.deliveries.recentOutcomes({ since, limit: HEALTH_SAMPLE });
          return {
            since: new Date(since).toISOString(),
            deliveries: outcomes.length,
            sampled: outcomes.length === HEALTH_SAMPLE,
            hosts: endpointHealth(outcomes),
          };
        },
      );
  };
