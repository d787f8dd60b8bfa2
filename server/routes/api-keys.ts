import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiKeyInputSchema } from '../../engine/api-keys/api-key-schema.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { apiKeyDocs as docs } from './docs/api-key-docs.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Named API keys: listed without the key, created with it (shown once), revoked at once. */
export const apiKeyRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { apiKeys } = deps;
    api.get('/api-keys', { schema: documented(docs.list) }, async () => ({
      items: await apiKeys.list(),
    }));
    api.post(
      '/api-keys',
      { schema: documented(docs.create, { body: ApiKeyInputSchema }) },
      async (request, reply) => reply.status(201).send(await apiKeys.create(request.body)),
    );
    api.delete(
      '/api-keys/:id',
      { schema: documented(docs.revoke, { params: IdParams }) },
      async (request, reply) => {
        await apiKeys.revoke(request.params.id);
        return reply.status(204).send();
      },
    );
  };
