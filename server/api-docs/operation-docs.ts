import type { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import type { ApiTag } from './api-tags.ts';

/** A successful answer of an operation, as the API reference shows it. */
export interface SuccessDocs {
  /** What the answer means, e.g. "The scenario as saved". */
  description: string;
  /** The JSON body's shape; absent for a 204 and for a body that is not JSON (`contentType`). */
  schema?: z.ZodType;
  /** One body as the server sends it; must fit `schema` (checked when the route is declared). */
  example?: unknown;
  /** A body that is not JSON, e.g. `text/plain; version=0.0.4` (`/metrics`); `example` is its text. */
  contentType?: string;
  /** Response headers worth knowing, by name: what each holds. */
  headers?: Record<string, string>;
}

/**
 * Everything the API reference says about one operation: kept next to its route and passed
 * through `documented()`, which refuses an operation without it and examples that do not fit.
 */
export interface OperationDocs {
  tag: ApiTag;
  /** A few words in the imperative, e.g. "Create a scenario". */
  summary: string;
  /** What it does, its side effects, limits, pagination and idempotency: what a client acts on. */
  description: string;
  /** The 2xx answers by status; at least one. */
  responses: { [status in 200 | 201 | 202 | 204]?: SuccessDocs };
  /** Answers outside 2xx whose body is not the error body (`/health`'s 503 report). */
  otherAnswers?: Record<number, SuccessDocs>;
  /** One request body; required when the route takes a body, and must fit its schema. */
  bodyExample?: unknown;
  /**
   * The body of a route that reads it itself rather than through its schema (a launch hook's
   * payload, which may also be empty): documented as the request body, and `bodyExample` must fit it.
   */
  readsBody?: z.ZodType;
  /** A body that is not JSON (a streamed file), by content type: one example text each. */
  rawBody?: Record<string, string>;
  /**
   * The errors the operation raises itself, each with the message a client reads. Those any
   * route can meet (a bad key, an invalid request part, a store outage) are added from the
   * route's shape by the OpenAPI transform.
   */
  errors?: { [code in ErrorCode]?: string };
  /**
   * What the operation does with the store, which decides its store errors: `read` (503 while
   * the store is down), `write` (also 507 while the disk is full) or `none`. Default: `read` for
   * GET, `write` otherwise.
   */
  store?: 'none' | 'read' | 'write';
}

/** The request parts of a route schema the docs check their examples against. */
interface RouteParts {
  body?: z.ZodType;
  params?: z.ZodType;
  querystring?: z.ZodType;
  response?: Record<number, z.ZodType>;
}

declare module 'fastify' {
  interface FastifySchema {
    /** The operation's API reference (see `documented`); the OpenAPI transform reads it. */
    docs?: OperationDocs;
  }
}

/**
 * A route schema with its documentation: summary, description and tag go to the OpenAPI
 * operation, the rest to its responses and examples. Throws when an example does not fit the
 * schema it illustrates, so the docs cannot drift from the route: any server start fails.
 */
export function documented<const S extends RouteParts>(
  docs: OperationDocs,
  schema: S = {} as S,
): S & { docs: OperationDocs; tags: string[]; summary: string; description: string } {
  const problem = examplesProblem(docs, docs.readsBody ? { ...schema, body: docs.readsBody } : schema);
  if (problem) throw new Error(`API docs of "${docs.summary}": ${problem}`);
  return { ...schema, docs, tags: [docs.tag], summary: docs.summary, description: docs.description };
}

function examplesProblem(docs: OperationDocs, schema: RouteParts): string | null {
  if (!docs.summary.trim() || !docs.description.trim()) return 'a summary and a description are required';
  if (schema.body && docs.bodyExample === undefined) return 'the route takes a body: give a bodyExample';
  const bodyProblem = schema.body && fitProblem(schema.body, docs.bodyExample);
  if (bodyProblem) return `the body example does not fit the body schema: ${bodyProblem}`;
  if (Object.keys(docs.responses).length === 0) return 'document at least one 2xx answer';
  const answers = Object.entries({ ...docs.responses, ...docs.otherAnswers });
  for (const [status, answer] of answers) {
    if (status === '204') continue;
    if (answer.example === undefined) return `the ${status} answer needs an example`;
    const shape = answer.schema ?? schema.response?.[Number(status)];
    if (!shape && !answer.contentType) return `the ${status} answer needs a schema`;
    const problem = shape && fitProblem(shape, answer.example);
    if (problem) return `the ${status} example does not fit its schema: ${problem}`;
  }
  return null;
}

function fitProblem(schema: z.ZodType, example: unknown): string | null {
  const result = schema.safeParse(example);
  if (result.success) return null;
  return result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
