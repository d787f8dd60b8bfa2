import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { launchHookDocs as docs } from './docs/launch-hook-docs.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });
const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** Progress of fan-outs (launch hooks and schedules starting a scenario for many customers). */
export const fanOutRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { fanOut, store } = deps;

    api.get('/fan-outs/:id', { schema: documented(docs.fanOut, { params: IdParams }) }, async (request) => {
      const record = await fanOut.get(request.params.id);
      if (!record) throw notFound('fan-out', request.params.id);
      return record;
    });

    api.get(
      '/scenarios/:id/fan-outs',
      { schema: documented(docs.fanOuts, { params: IdParams, querystring: ListQuery }) },
      async (request) => {
        const { id } = request.params;
        if (!(await store.scenarios.get(id))) throw notFound('scenario', id);
        return { items: await fanOut.list(id, request.query.limit) };
      },
    );
  };
