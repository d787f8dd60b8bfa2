import type { FastifyPluginAsync } from 'fastify';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { operationsDocs } from './docs/operations-docs.ts';

/**
 * For load balancers and operators; unauthenticated and cheap (a one-row read while the store is
 * healthy, within a 50 ms budget). 200 while the store works; 503 with `Retry-After` and the
 * reason while writes fail (e.g. the disk is full), until a probe write goes through again.
 */
export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/health', { schema: documented(operationsDocs.health) }, async (_request, reply) => {
      const report = await deps.storeHealth.check();
      const store = deps.store.kind;
      if (report.ok) return { status: 'ok', store };
      const { code, reason, since, retryAfterSeconds } = report;
      void reply.status(503).header('retry-after', String(retryAfterSeconds));
      return { status: 'failing', store, code, reason, since };
    });
  };
