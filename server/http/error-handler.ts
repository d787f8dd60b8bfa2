import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ValidationIssue } from '../../engine/scenario/index.ts';
import { HookflowError } from '../errors.ts';
import { asStoreError, StoreError } from '../store/store-error.ts';
import type { StoreHealth } from '../store/store-health.ts';

/**
 * The app's error handler: turns anything thrown by a route into
 * `{ error: { code, message, issues? } }` with the right status. A store error (full disk, store
 * unreachable) is 507 or 503 with `Retry-After`; it is reported to `health`, and logged when it
 * starts an outage, not for each request that meets it.
 */
export function errorHandler(health: Pick<StoreHealth, 'failed'>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const known = toHookflowError(error, request);
    if (known instanceof StoreError) {
      if (health.failed(known)) request.log.error({ err: error }, 'request failed: the store cannot be used');
      void reply.header('retry-after', String(known.retryAfterSeconds));
    } else if (known.status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(known.status).send({
      error: { code: known.code, message: known.message, ...(known.issues ? { issues: known.issues } : {}) },
    });
  };
}

function toHookflowError(error: FastifyError, request: FastifyRequest): HookflowError {
  if (error instanceof HookflowError) return error;
  const storeError = asStoreError(error);
  if (storeError) return storeError;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const issues = error.validation.map((issue) =>
      locate(issue.instancePath, issue.message ?? 'is invalid', request.body),
    );
    const first = issues[0];
    const summary = first ? describe(where, first) : `invalid ${where}`;
    return new HookflowError('bad_request', summary, issues);
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new HookflowError('payload_too_large', 'request body is too large');
  }
  if (error.statusCode && error.statusCode < 500) {
    return new HookflowError(error.statusCode === 404 ? 'not_found' : 'bad_request', error.message);
  }
  return new HookflowError('internal', 'internal error; the server log has the details');
}

/** `/definition/nodes/2/config/url` → node id of nodes[2] and field `config.url`. */
function locate(instancePath: string, message: string, body: unknown): ValidationIssue {
  const segments = instancePath.split('/').filter(Boolean);
  const nodesAt = segments.indexOf('nodes');
  if (nodesAt >= 0 && /^\d+$/.test(segments[nodesAt + 1] ?? '')) {
    const container = readSegments(body, segments.slice(0, nodesAt + 2)) as { id?: unknown } | undefined;
    const nodeId = typeof container?.id === 'string' ? container.id : `#${Number(segments[nodesAt + 1]) + 1}`;
    const field = segments.slice(nodesAt + 2).join('.');
    return { nodeId, ...(field ? { field } : {}), message };
  }
  return { field: segments.join('.') || '(root)', message };
}

function readSegments(value: unknown, segments: string[]): unknown {
  return segments.reduce<unknown>(
    (current, key) =>
      current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined,
    value,
  );
}

function describe(where: string, issue: ValidationIssue): string {
  const node = issue.nodeId ? `node "${issue.nodeId}" ` : '';
  return `invalid ${where}: ${node}${issue.field ?? ''}: ${issue.message}`;
}
