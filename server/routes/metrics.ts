import type { FastifyPluginAsync } from 'fastify';
import { HookflowError } from '../errors.ts';
import { documented } from '../api-docs/operation-docs.ts';
import { presentedKey, sameKey } from '../http/api-key-auth.ts';
import { operationsDocs } from './docs/operations-docs.ts';

/** What `GET /metrics` answers with: one process's figures, or the cluster's. */
export interface MetricsEndpoint {
  readonly contentType: string;
  text(): Promise<string>;
}

/**
 * `GET /metrics` in the Prometheus text format, outside `/api`: a scraper gets its own optional
 * key (`HOOKFLOW_METRICS_KEY`), never the management key. Without one it is open, like `/health`
 * and most exporters; it holds counts, durations and throughput policy names, no secret.
 */
export const metricsRoutes =
  (deps: { metrics: MetricsEndpoint; metricsKey: string | undefined }): FastifyPluginAsync =>
  async (app) => {
    const key = deps.metricsKey === undefined ? null : Buffer.from(deps.metricsKey);
    app.get('/metrics', { schema: documented(operationsDocs.metrics) }, async (request, reply) => {
      if (key && !sameKey(Buffer.from(presentedKey(request)), key)) {
        throw new HookflowError(
          'unauthorized',
          'missing or wrong metrics key: send "Authorization: Bearer <HOOKFLOW_METRICS_KEY>"',
        );
      }
      const text = await deps.metrics.text();
      return reply.type(deps.metrics.contentType).send(text);
    });
  };
