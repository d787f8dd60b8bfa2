import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ValidationIssue } from '../../engine/scenario/index.ts';
import { formatIssuePath, type PathIssue } from '../../engine/validation/index.ts';
import { HookflowError } from '../errors.ts';
import { asStoreError, StoreError } from '../store/store-error.ts';
import type { StoreHealth } from '../store/store-health.ts';
import { RequestValidationError } from './zod-validator.ts';

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
  if (error instanceof RequestValidationError) {
    const where = error.validationContext ?? 'body';
    const issues = error.issues.map((issue) => locate(issue, request.body));
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

/**
 * `definition.nodes[2].config.url` → node id of nodes[2] and field `config.url`, dotted as the
 * editor names a node's fields (`config.headers.0.name`); any other path as an accessor
 * (`[1].type`, `properties.cart`).
 */
function locate({ path, message }: PathIssue, body: unknown): ValidationIssue {
  const nodesAt = path.indexOf('nodes');
  const index = path[nodesAt + 1];
  if (nodesAt >= 0 && typeof index === 'number') {
    const container = readPath(body, path.slice(0, nodesAt + 2)) as { id?: unknown } | undefined;
    const nodeId = typeof container?.id === 'string' ? container.id : `#${index + 1}`;
    const field = path
      .slice(nodesAt + 2)
      .map(String)
      .join('.');
    return { nodeId, ...(field ? { field } : {}), message };
  }
  return { field: formatIssuePath(path), message };
}

function readPath(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (current, key) =>
      current !== null && typeof current === 'object'
        ? (current as Record<PropertyKey, unknown>)[key]
        : undefined,
    value,
  );
}

function describe(where: string, issue: ValidationIssue): string {
  const node = issue.nodeId ? `node "${issue.nodeId}" ` : '';
  return `invalid ${where}: ${node}${issue.field ?? ''}: ${issue.message}`;
}
