import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SubscriptionInputSchema } from '../../engine/subscriptions/index.ts';
import type { AppDeps } from './app-deps.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });
const tags = ['subscriptions'];

/** Event subscriptions: Hookflow's own events pushed to outside endpoints. */
export const subscriptionRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const subscriptions = deps.subscriptions.service;

    api.get('/subscriptions', { schema: { tags } }, async () => ({ items: await subscriptions.list() }));

    api.post('/subscriptions', { schema: { body: SubscriptionInputSchema, tags } }, async (request, reply) =>
      reply.status(201).send(await subscriptions.create(request.body)),
    );

    api.get('/subscriptions/:id', { schema: { params: IdParams, tags } }, async (request) =>
      subscriptions.get(request.params.id),
    );

    api.put(
      '/subscriptions/:id',
      { schema: { params: IdParams, body: SubscriptionInputSchema, tags } },
      async (request) => subscriptions.update(request.params.id, request.body),
    );

    api.delete('/subscriptions/:id', { schema: { params: IdParams, tags } }, async (request, reply) => {
      await subscriptions.delete(request.params.id);
      return reply.status(204).send();
    });
  };
