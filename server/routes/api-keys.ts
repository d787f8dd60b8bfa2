import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiKeyInputSchema } from '../../engine/api-keys/api-key-schema.ts';
import type { AppDeps } from './app-deps.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Named API keys: listed without the key, created with it (shown once), revoked at once. */
export const apiKeyRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { apiKeys } = deps;
    api.get('/api-keys', { schema: { tags: ['api keys'] } }, async () => ({
      items: await apiKeys.list(),
    }));
    api.post(
      '/api-keys',
      { schema: { body: ApiKeyInputSchema, tags: ['api keys'] } },
      async (request, reply) => reply.status(201).send(await apiKeys.create(request.body)),
    );
    api.delete(
      '/api-keys/:id',
      { schema: { params: IdParams, tags: ['api keys'] } },
      async (request, reply) => {
        await apiKeys.revoke(request.params.id);
        return reply.status(204).send();
      },
    );
  };
