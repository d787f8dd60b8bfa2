import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest, RouteOptions } from 'fastify';
import type { ApiKeyService, Principal } from '../api-keys/api-key-service.ts';
import { HookflowError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts as; set by the auth hook on every `/api` route. */
    principal: Principal | null;
  }
}

export interface ApiKeyAuthOptions {
  /** The configured management key (`HOOKFLOW_API_KEY` or `<dataDir>/api-key`). */
  adminKey: string;
  /** The configured ingestion key (`HOOKFLOW_INGEST_KEY` or `<dataDir>/ingest-key`). */
  ingestKey: string;
  apiKeys: ApiKeyService;
}

/** The author name recorded for changes made with the configured management key. */
export const ADMIN_KEY_NAME = 'admin key';
const INGEST_KEY_NAME = 'ingest key';

/** Compares in constant time, so the configured keys cannot be guessed a byte at a time. */
export function sameKey(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The key of `Authorization: Bearer <key>`; empty when there is none. */
export function presentedKey(request: FastifyRequest): string {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1]?.trim() ?? '';
}

/** Reads `Authorization: Bearer <key>` and names its holder; 401 when nobody holds that key. */
export function createAuthenticator(
  options: ApiKeyAuthOptions,
): (request: FastifyRequest) => Promise<Principal> {
  const admin = Buffer.from(options.adminKey);
  const ingest = Buffer.from(options.ingestKey);
  return async (request) => {
    const key = presentedKey(request);
    const given = Buffer.from(key);
    // Both comparisons always run, so the time does not tell which key came close.
    const [isAdmin, isIngest] = [sameKey(given, admin), sameKey(given, ingest)];
    if (isAdmin) return { name: ADMIN_KEY_NAME, scope: 'admin', keyId: null };
    if (isIngest) return { name: INGEST_KEY_NAME, scope: 'ingest', keyId: null };
    const named = key ? await options.apiKeys.authenticate(key) : null;
    if (named) return named;
    throw new HookflowError('unauthorized', 'missing or wrong API key: send "Authorization: Bearer <key>"');
  };
}

/** Event ingestion is the one route an `ingest` key opens (decided on the route that matched). */
export const ingestKeyOpens = (method: string, routeUrl: string | undefined) =>
  method === 'POST' && routeUrl === `${API_PREFIX}/events`;

const isIngestion = (request: FastifyRequest) => ingestKeyOpens(request.method, request.routeOptions.url);

/** Where the management API lives; every route registered through `registerApi` is under it. */
export const API_PREFIX = '/api';

/**
 * Registers the management API: one encapsulated plugin under `/api` whose `onRequest` hook runs
 * for every route declared in it, whatever spelling of the URL the router resolved to that route
 * (`/%61pi/…`, absolute-form request lines). The hook asks for a known key (401 otherwise) whose
 * scope allows the route (403 otherwise), and each answer is logged. Nothing here looks at the raw URL.
 */
export async function registerApi(
  app: FastifyInstance,
  options: ApiKeyAuthOptions & { routes: readonly FastifyPluginAsync[] },
): Promise<void> {
  const authenticate = createAuthenticator(options);
  const markGuarded = guardApiRoutes(app);
  await app.register(
    async (api) => {
      markGuarded(api);
      api.decorateRequest('principal', null);
      api.addHook('onRequest', async (request) => {
        const principal = await authenticate(request);
        if (principal.scope !== 'admin' && !isIngestion(request)) {
          throw new HookflowError(
            'forbidden',
            `the ${principal.scope} key "${principal.name}" may only send events (POST /api/events): use an admin key`,
          );
        }
        request.principal = principal;
      });
      // One line per answered request, refused ones included: the route pattern rather than the
      // URL (ids, filters), and the key's name, never the key.
      api.addHook('onResponse', async (request, reply) => {
        request.log.info(
          {
            method: request.method,
            route: request.routeOptions.url,
            status: reply.statusCode,
            durationMs: Math.round(reply.elapsedTime),
            keyName: request.principal?.name ?? null,
          },
          'api request',
        );
      });
      for (const routes of options.routes) await api.register(routes);
    },
    { prefix: API_PREFIX },
  );
}

/**
 * A route under `/api` declared outside `registerApi` would skip the key check: the server
 * refuses to start instead. The OpenAPI docs (`/api/docs`) are the one public part.
 */
function guardApiRoutes(app: FastifyInstance): (api: FastifyInstance) => void {
  const key = (route: RouteOptions) => `${String(route.method)} ${route.url}`;
  const underApi = new Set<string>();
  const guarded = new Set<string>();
  app.addHook('onRoute', (route) => {
    const url = route.url.toLowerCase();
    if (url.startsWith(API_PREFIX) && !url.startsWith(`${API_PREFIX}/docs`)) underApi.add(key(route));
  });
  app.addHook('onReady', async () => {
    const open = [...underApi].filter((route) => !guarded.has(route));
    if (open.length > 0) throw new Error(`routes under /api but not behind the API key: ${open.join(', ')}`);
  });
  return (api) => api.addHook('onRoute', (route) => void guarded.add(key(route)));
}

/** The author to record for a change made by `request` (the auth hook ran before any route). */
export function authorOf(request: FastifyRequest): string {
  return request.principal?.name ?? ADMIN_KEY_NAME;
}
