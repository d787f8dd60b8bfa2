import type { FastifyRequest } from 'fastify';
import { jsonBoundsProblem } from '../../engine/validation/index.ts';
import { HookflowError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route reads its body with schemas that bound every free-form field themselves, after
     * this hook would run: the guard leaves it to them so that their messages name the field.
     */
    boundsOwnBody?: boolean;
  }
}

/**
 * The depth past which no request body is read, whatever its route. The free-form fields of the
 * API are bounded at 32 levels by their schemas, a few levels below the body's root; this
 * backstop catches what a schema does not bound (`POST /api/scenarios/validate` takes any JSON;
 * routes without a body schema still get a parsed body), so deep input never reaches recursive
 * code.
 */
export const MAX_BODY_DEPTH = 64;

/**
 * A `preHandler` hook: it runs after schema validation, so a bounded field's own message
 * (`properties: nested deeper than 32 levels`) comes first. The walk is iterative and stops at
 * the first level too deep.
 */
export async function refuseDeepBodies(request: FastifyRequest): Promise<void> {
  if (request.body === null || typeof request.body !== 'object') return;
  if (request.routeOptions.config.boundsOwnBody) return;
  const problem = jsonBoundsProblem(request.body, { maxDepth: MAX_BODY_DEPTH, maxBytes: Infinity });
  if (problem === null) return;
  throw new HookflowError('bad_request', `invalid body: ${problem}`, [{ field: '(root)', message: problem }]);
}
