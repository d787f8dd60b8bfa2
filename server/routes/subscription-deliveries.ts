import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVENT_TYPE_NAMES } from '../../engine/subscriptions/index.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { subscriptionDeliveryDocs as docs } from './docs/subscription-delivery-docs.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });
const DeliveryParams = IdParams.extend({ deliveryId: z.string().min(1).max(100) });
const Time = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

const LogQuery = z.object({
  status: z.enum(['pending', 'sending', 'done', 'failed']).optional(),
  from: Time.optional().describe('created at or after'),
  to: Time.optional().describe('created before'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().max(100).optional().describe('the last id of the previous page (`next`)'),
});

const RangeBody = z
  .object({ from: Time, to: Time })
  .refine((range) => Date.parse(range.from) < Date.parse(range.to), {
    message: 'from must be before to',
    path: ['to'],
  });

const TestBody = z.object({ type: z.enum(EVENT_TYPE_NAMES).optional() }).default({});

/** ISO times compare as text only in one form: the store keeps `toISOString()`. */
const iso = (time: string | undefined) => (time === undefined ? undefined : new Date(time).toISOString());

/** A subscription's delivery log, replays and test sends. */
export const subscriptionDeliveryRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { deliveries } = deps.subscriptions;

    api.get(
      '/subscriptions/:id/deliveries',
      { schema: documented(docs.list, { params: IdParams, querystring: LogQuery }) },
      async (request) => {
        const { status, from, to, limit, before } = request.query;
        return deliveries.list({
          subscriptionId: request.params.id,
          limit,
          ...(status ? { status } : {}),
          ...(from ? { from: iso(from) } : {}),
          ...(to ? { to: iso(to) } : {}),
          ...(before ? { before } : {}),
        });
      },
    );

    api.get(
      '/subscriptions/:id/deliveries/:deliveryId',
      { schema: documented(docs.get, { params: DeliveryParams }) },
      async (request) => deliveries.get(request.params.id, request.params.deliveryId),
    );

    api.post(
      '/subscriptions/:id/deliveries/:deliveryId/replay',
      { schema: documented(docs.replayOne, { params: DeliveryParams }) },
      async (request, reply) =>
        reply
          .status(202)
          .send({ replayed: await deliveries.replayOne(request.params.id, request.params.deliveryId) }),
    );

    api.post(
      '/subscriptions/:id/replay',
      { schema: documented(docs.replayFailed, { params: IdParams, body: RangeBody }) },
      async (request, reply) => {
        const range = { from: iso(request.body.from)!, to: iso(request.body.to)! };
        return reply.status(202).send({ replayed: await deliveries.replayFailed(request.params.id, range) });
      },
    );

    api.post(
      '/subscriptions/:id/test',
      { schema: documented(docs.test, { params: IdParams, body: TestBody }) },
      async (request) => deliveries.test(request.params.id, request.body.type),
    );
  };
