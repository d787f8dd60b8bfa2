import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NodeIdSchema } from '../../engine/scenario/node-schemas.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { launchHookDocs as docs } from './docs/launch-hook-docs.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Absolute URLs as the caller reached this server (the editor shows them to copy). */
const baseUrlOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * The launch hook URLs of a scenario's `trigger.hook` nodes: listed (a node's token is created
 * on its first listing) and rotated. Tokens never appear in scenario definitions or exports.
 */
export const launchHookRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/scenarios/:id/hooks',
      { schema: documented(docs.list, { params: IdParams }) },
      async (request) => ({
        hooks: await deps.launchHooks.list(request.params.id, baseUrlOf(request)),
      }),
    );

    api.get(
      '/scenarios/:id/launches',
      { schema: documented(docs.launches, { params: IdParams }) },
      async (request) => deps.launchHooks.activity(request.params.id),
    );

    api.post(
      '/scenarios/:id/hooks/:nodeId/rotate',
      { schema: documented(docs.rotate, { params: IdParams.extend({ nodeId: NodeIdSchema }) }) },
      async (request) =>
        deps.launchHooks.rotate(request.params.id, request.params.nodeId, baseUrlOf(request)),
    );
  };
