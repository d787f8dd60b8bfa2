import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IntegrationInputSchema } from '../../engine/integrations/index.ts';
import { HookflowError } from '../errors.ts';
import { newOrderedId } from '../ids.ts';
import { AuthorizationError } from '../integrations/request-authorizer.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { integrationDocs as docs } from './docs/integration-docs.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Authentication integrations: secrets are write-only, and a test call checks the credentials. */
export const integrationRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { integrations } = deps;

    api.get('/integrations', { schema: documented(docs.list) }, async () => ({
      items: await integrations.list(),
    }));

    api.post(
      '/integrations',
      { schema: documented(docs.create, { body: IntegrationInputSchema }) },
      async (request, reply) => reply.status(201).send(await integrations.create(request.body)),
    );

    api.get('/integrations/:id', { schema: documented(docs.get, { params: IdParams }) }, async (request) =>
      integrations.get(request.params.id),
    );

    api.put(
      '/integrations/:id',
      { schema: documented(docs.update, { params: IdParams, body: IntegrationInputSchema }) },
      async (request) => integrations.update(request.params.id, request.body),
    );

    api.delete(
      '/integrations/:id',
      { schema: documented(docs.delete, { params: IdParams }) },
      async (request, reply) => {
        await integrations.delete(request.params.id);
        return reply.status(204).send();
      },
    );

    api.post(
      '/integrations/:id/test',
      { schema: documented(docs.test, { params: IdParams }) },
      async (request) => {
        const integration = await integrations.get(request.params.id);
        const test = (integration.settings.test ?? { method: 'GET', path: '' }) as {
          method: string;
          path: string;
        };
        const url = joinPath(integration.endpointPrefix, test.path);
        let authorized;
        try {
          const request = { method: test.method, url, headers: {}, body: null };
          const webhookId = newOrderedId('msg', deps.clock.now());
          authorized = await deps.authorizer.authorize(request, { webhookId, integrationId: integration.id });
        } catch (error) {
          if (error instanceof AuthorizationError) return { ok: false, status: null, error: error.message };
          throw error;
        }
        const result = await deps.sender.send(authorized.request, 10_000);
        if (result.status === null) return { ok: false, status: null, error: result.error };
        return {
          ok: result.status === 200,
          status: result.status,
          ...(result.status === 200
            ? {}
            : { error: `the test endpoint answered ${result.status}; only 200 counts as success` }),
        };
      },
    );
  };

function joinPath(prefix: string, path: string): string {
  if (!path) return prefix;
  if (/^[a-z]+:/i.test(path))
    throw new HookflowError('bad_request', 'the test path must be a path under the endpoint prefix');
  return `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
