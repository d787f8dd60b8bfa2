import { z } from 'zod';
import type { ValidationIssue } from '../../engine/scenario/index.ts';
import { explainIssues, formatIssuePath } from '../../engine/validation/index.ts';
import { ERROR_CODES, type ErrorCode, statusOf } from '../errors.ts';
import { API_PREFIX, ingestKeyOpens } from '../http/api-key-auth.ts';
import { MAX_BODY_DEPTH } from '../http/deep-body-guard.ts';
import type { OperationDocs } from './operation-docs.ts';

/** The body of every error answer, whatever the route (see `server/http/error-handler.ts`). */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().describe('what went wrong and what to do about it, for a person to read'),
    issues: z
      .array(
        z.object({
          nodeId: z.string().optional().describe('the scenario node at fault'),
          field: z.string().optional().describe('the field at fault, e.g. `events[1].type` or `config.url`'),
          message: z.string(),
        }),
      )
      .optional()
      .describe('every problem found, when the request was judged field by field'),
  }),
});

export interface ErrorExample {
  code: ErrorCode;
  message: string;
  issues?: ValidationIssue[];
}

/** What an error answer of a route can be derived from: the route as Fastify resolved it. */
export interface RouteShape {
  method: string;
  url: string;
  docs: OperationDocs;
  /** The zod schemas of the request parts it validates. */
  parts: { body?: z.ZodType; querystring?: z.ZodType; params?: z.ZodType };
}

const STORE_MESSAGES = {
  store_unavailable:
    'the store is unavailable (database is locked): the server could not complete this request; retry later',
  storage_full:
    'storage is full (database or disk is full): the server could not save this request; retry later',
} as const;

/**
 * The errors a route can answer with: those it declares, plus those any route of its shape meets.
 * A route under `/api` checks the key (401) and its scope (403, except event ingestion); one
 * with a request part checks it (400), one with a body bounds it (413); every route that reads
 * the store answers 503 while it is down, and every write 507 while the disk is full.
 */
export function errorsOf(route: RouteShape): ErrorExample[] {
  const { method, url, docs, parts } = route;
  const found = new Map<ErrorCode, ErrorExample>();
  const add = (example: ErrorExample) => found.has(example.code) || found.set(example.code, example);
  for (const [code, message] of Object.entries(docs.errors ?? {})) add({ code: code as ErrorCode, message });
  if (url.startsWith(`${API_PREFIX}/`)) {
    add({ code: 'unauthorized', message: 'missing or wrong API key: send "Authorization: Bearer <key>"' });
    if (!ingestKeyOpens(method, url)) {
      add({
        code: 'forbidden',
        message: 'the ingest key "Shop" may only send events (POST /api/events): use an admin key',
      });
    }
  }
  const invalid = invalidRequestExample(parts);
  if (invalid) add(invalid);
  if (parts.body) add({ code: 'payload_too_large', message: 'request body is too large' });
  const store = docs.store ?? (method === 'GET' ? 'read' : 'write');
  if (store !== 'none') add({ code: 'store_unavailable', message: STORE_MESSAGES.store_unavailable });
  if (store === 'write') add({ code: 'storage_full', message: STORE_MESSAGES.storage_full });
  return [...found.values()].sort((a, b) => statusOf(a.code) - statusOf(b.code));
}

/**
 * A real 400 of the route: its own schemas judge a bad value, and the message is written as the
 * error handler writes it, so the example reads like the answer a client will get.
 */
function invalidRequestExample(parts: RouteShape['parts']): ErrorExample | null {
  for (const part of ['body', 'querystring', 'params'] as const) {
    const schema = parts[part];
    const issue = schema && firstIssue(schema, part);
    if (!issue) continue;
    const where = part === 'querystring' ? 'querystring' : part;
    return {
      code: 'bad_request',
      message: `invalid ${where}: ${issue.field}: ${issue.message}`,
      issues: [issue],
    };
  }
  if (!parts.body) return null;
  const message = `nested deeper than ${MAX_BODY_DEPTH} levels`;
  return { code: 'bad_request', message: `invalid body: ${message}`, issues: [{ field: '(root)', message }] };
}

/**
 * The first of a few typical mistakes that the schema refuses, and why: a required field left out
 * of a body, then each field too long, negative or not one of its values (a path's parameters
 * all at once, since a path always has them all).
 */
function firstIssue(
  schema: z.ZodType,
  part: 'body' | 'querystring' | 'params',
): { field: string; message: string } | null {
  const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const bad = ['x'.repeat(10_001), '-1', 'not-a-value'];
  const tries: unknown[] =
    part === 'params'
      ? bad.map((value) => Object.fromEntries(keys.map((key) => [key, value])))
      : [{}, ...keys.flatMap((key) => bad.map((value) => ({ [key]: value })))];
  for (const value of tries) {
    const result = schema.safeParse(value);
    if (result.success) continue;
    const first = explainIssues(result.error.issues)[0];
    if (first) return { field: formatIssuePath(first.path), message: first.message };
  }
  return null;
}
