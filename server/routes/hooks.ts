import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HookRateLimitedError } from '../hooks/launch-hook-service.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { launchHookDocs as docs } from './docs/launch-hook-docs.ts';

/** Launch payloads are small JSON; anything larger is refused with 413 before it is read whole. */
export const HOOK_BODY_LIMIT = 1024 * 1024;

const TokenParams = z.object({ token: z.string().max(200) });
const Scheduled = z.object({ scheduled: z.literal(true), sendAt: z.string() });

/**
 * The public launch hook `/hooks/<token>`, outside `/api` (the token is the credential). GET
 * launches the node's configured audience; POST takes one of the seed's payloads as JSON
 * (`application/json`, or `text/plain` as some senders label it; an empty body counts as none).
 */
export const hookRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    // Only this plugin's parsers change: an empty JSON body means "no payload" here.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser(['application/json', 'text/plain']);
    app.addContentTypeParser(
      ['application/json', 'text/plain'],
      { parseAs: 'string', bodyLimit: HOOK_BODY_LIMIT },
      (request, body, done) => {
        const text = String(body);
        if (text.trim() === '') done(null, undefined);
        else parseJson(request, text, done);
      },
    );

    const handle = async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
      try {
        const body = request.method === 'GET' ? undefined : request.body;
        const { sendAt } = await deps.launchHooks.call({
          token: request.params.token,
          callerIp: request.ip,
          body,
        });
        return reply.status(200).send({ scheduled: true as const, sendAt });
      } catch (error) {
        if (error instanceof HookRateLimitedError)
          void reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      }
    };
    const schema = { params: TokenParams, response: { 200: Scheduled } };
    api.get('/hooks/:token', { schema: documented(docs.launchAudience, schema) }, handle);
    // The payload's schemas (engine/hooks) bound it: targets as customer attributes, lists by size.
    const config = { boundsOwnBody: true };
    api.post(
      '/hooks/:token',
      { schema: documented(docs.launch, schema), bodyLimit: HOOK_BODY_LIMIT, config },
      handle,
    );
  };
