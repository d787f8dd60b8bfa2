import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EVENT_TYPE_NAMES,
  MAX_TEMPLATE_LENGTH,
  SubscriptionInputSchema,
} from '../../engine/subscriptions/index.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { subscriptionDocs as docs } from './docs/subscription-docs.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });

const PreviewBody = z.object({
  type: z.enum(EVENT_TYPE_NAMES),
  /** Absent: the default payload. */
  template: z.string().max(MAX_TEMPLATE_LENGTH).optional(),
});

/** Event subscriptions: Hookflow's own events pushed to outside endpoints. */
export const subscriptionRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const subscriptions = deps.subscriptions.service;

    api.get('/subscriptions', { schema: documented(docs.list) }, async () => ({
      items: await subscriptions.list(),
    }));

    api.post(
      '/subscriptions',
      { schema: documented(docs.create, { body: SubscriptionInputSchema }) },
      async (request, reply) => reply.status(201).send(await subscriptions.create(request.body)),
    );

    api.post(
      '/subscriptions/preview',
      {
        schema: documented(docs.preview, { body: PreviewBody }),
      },
      async (request) => subscriptions.preview(request.body.type, request.body.template),
    );

    api.get('/subscriptions/:id', { schema: documented(docs.get, { params: IdParams }) }, async (request) =>
      subscriptions.get(request.params.id),
    );

    api.put(
      '/subscriptions/:id',
      { schema: documented(docs.update, { params: IdParams, body: SubscriptionInputSchema }) },
      async (request) => subscriptions.update(request.params.id, request.body),
    );

    api.delete(
      '/subscriptions/:id',
      { schema: documented(docs.delete, { params: IdParams }) },
      async (request, reply) => {
        await subscriptions.delete(request.params.id);
        return reply.status(204).send();
      },
    );
  };
