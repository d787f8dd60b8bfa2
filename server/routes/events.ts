import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EventInputSchema } from '../../engine/run/index.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { eventDocs } from './docs/event-docs.ts';

export const MAX_EVENTS_PER_REQUEST = 1000;

/**
 * One event, or an array of them. A failed union reports the option that fits the body's kind
 * (`explainIssues`): `type` for one event, `[1].type` for the second of an array.
 */
const EventsBody = z.union(
  [
    EventInputSchema,
    z
      .array(EventInputSchema)
      .min(1, 'send at least one event')
      .max(
        MAX_EVENTS_PER_REQUEST,
        `send at most ${MAX_EVENTS_PER_REQUEST.toLocaleString('en-US')} events per request`,
      ),
  ],
  { error: 'send one event (a JSON object) or an array of events' },
);

/** Event ingestion: records events, upserts their customers and starts matching runs. */
export const eventRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .post(
        '/events',
        { schema: documented(eventDocs.ingest, { body: EventsBody }), bodyLimit: 10 * 1024 * 1024 },
        async (request, reply) => {
          const inputs = Array.isArray(request.body) ? request.body : [request.body];
          const events = await deps.runtime.ingest.ingest(inputs);
          return reply.status(202).send({ events });
        },
      );
  };
