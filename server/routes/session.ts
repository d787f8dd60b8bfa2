import type { FastifyPluginAsync } from 'fastify';
import type { ApiKeySource } from '../api-key.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { apiKeyDocs } from './docs/api-key-docs.ts';
import { operationsDocs } from './docs/operations-docs.ts';

/**
 * `GET /api/session`: who the presented key belongs to. The editor's sign-in form calls it with
 * the key typed, so a refused key is said at once (401, or 403 for an events-only key) instead
 * of being saved and failing on every page.
 */
export const sessionRoutes =
  (_deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/session', { schema: documented(apiKeyDocs.session) }, async (request) => ({
      name: request.principal?.name ?? null,
      scope: request.principal?.scope ?? null,
    }));
  };

/**
 * `GET /sign-in` (no key): only where the management key comes from, so the sign-in page can
 * say where to find it. Neither the key nor any part of it is ever answered here.
 */
export const signInRoutes =
  (options: { apiKeySource: ApiKeySource }): FastifyPluginAsync =>
  async (app) => {
    app.get('/sign-in', { schema: documented(operationsDocs.signIn) }, async () => ({
      apiKeySource: options.apiKeySource,
    }));
  };
