import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ThroughputPolicyInputSchema } from '../../engine/throughput/index.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { throughputPolicyDocs as docs } from './docs/throughput-policy-docs.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Throughput policies: concurrency limits shared by every webhook that names them. */
export const throughputPolicyRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { throughput } = deps;
    api.get('/throughput-policies', { schema: documented(docs.list) }, async () => ({
      items: await throughput.list(),
    }));
    api.post(
      '/throughput-policies',
      { schema: documented(docs.create, { body: ThroughputPolicyInputSchema }) },
      async (request, reply) => reply.status(201).send(await throughput.create(request.body)),
    );
    api.get(
      '/throughput-policies/:id',
      { schema: documented(docs.get, { params: IdParams }) },
      async (request) => throughput.get(request.params.id),
    );
    api.put(
      '/throughput-policies/:id',
      { schema: documented(docs.update, { params: IdParams, body: ThroughputPolicyInputSchema }) },
      async (request) => throughput.update(request.params.id, request.body),
    );
    api.delete(
      '/throughput-policies/:id',
      { schema: documented(docs.delete, { params: IdParams }) },
      async (request, reply) => {
        await throughput.delete(request.params.id);
        return reply.status(204).send();
      },
    );
  };
