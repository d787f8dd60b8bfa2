import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKeyService, Principal } from '../api-keys/api-key-service.ts';
import { HookflowError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts as; set by the auth hook on every `/api/` route (null elsewhere). */
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
function sameKey(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads `Authorization: Bearer <key>` and names its holder; 401 when nobody holds that key. */
export function createAuthenticator(
  options: ApiKeyAuthOptions,
): (request: FastifyRequest) => Promise<Principal> {
  const admin = Buffer.from(options.adminKey);
  const ingest = Buffer.from(options.ingestKey);
  return async (request) => {
    const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
    const key = match?.[1]?.trim() ?? '';
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

/** Event ingestion is the one route an `ingest` key opens. */
const isIngestion = (request: FastifyRequest) =>
  request.method === 'POST' && request.routeOptions.url === '/api/events';

/**
 * Guards every `/api/` route except the docs: a known key (401 otherwise) whose scope allows
 * the route (403 otherwise). Register before the routes so the hook applies to them.
 */
export function registerApiKeyAuth(app: FastifyInstance, options: ApiKeyAuthOptions): void {
  const authenticate = createAuthenticator(options);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const principal = await authenticate(request);
    if (principal.scope !== 'admin' && !isIngestion(request)) {
      throw new HookflowError(
        'forbidden',
        `the ${principal.scope} key "${principal.name}" may only send events (POST /api/events): use an admin key`,
      );
    }
    request.principal = principal;
  });
}

/** The author to record for a change made by `request` (the auth hook ran before any route). */
export function authorOf(request: FastifyRequest): string {
  return request.principal?.name ?? ADMIN_KEY_NAME;
}
