import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from './app-deps.ts';

/** Liveness for load balancers; unauthenticated and cheap. */
export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/health', { schema: { tags: ['health'] } }, async () => ({
      status: 'ok',
      store: deps.store.kind,
    }));
  };
