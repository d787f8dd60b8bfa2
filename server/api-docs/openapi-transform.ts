import type { FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { statusOf } from '../errors.ts';
import { ErrorBodySchema, type ErrorExample, errorsOf } from './error-docs.ts';
import type { OperationDocs, SuccessDocs } from './operation-docs.ts';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type JsonSchema = Record<string, unknown>;

/** Zod → the OpenAPI 3.0 dialect of JSON Schema, of an answer (`output`) or a request (`input`). */
const toJsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema => {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return json;
};

/** `#/components/schemas/Error`, which every error answer refers to. */
export const ERROR_JSON = toJsonSchema(ErrorBodySchema);

const RETRY_AFTER = {
  'retry-after': { type: 'integer', description: 'seconds to wait before trying again' },
};

/**
 * `@fastify/swagger`'s transform: request parts as the zod provider converts them, then what
 * `documented()` attached — the body example, every 2xx answer with its example, and the error
 * answers grouped by status with one example per `error.code`. Routes outside `/api` take no key.
 */
export function openApiTransform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const route = input.route as RouteOptions;
  const { docs, ...routeSchema } = (input.schema ?? {}) as FastifySchema;
  const result = jsonSchemaTransform({ ...input, schema: routeSchema } as TransformInput);
  if (!docs) return result;
  const schema = result.schema as JsonSchema;
  const parts = routeSchema as { body?: z.ZodType; querystring?: z.ZodType; params?: z.ZodType };
  if (docs.readsBody) {
    parts.body = docs.readsBody;
    schema['body'] = toJsonSchema(docs.readsBody, 'input');
  }
  const body = schema['body'] as JsonSchema | undefined;
  if (body) schema['body'] = { ...body, examples: [docs.bodyExample] };
  if (docs.rawBody) schema['body'] = { content: rawContent(docs.rawBody) };
  const method = typeof route.method === 'string' ? route.method : (route.method[0] ?? 'GET');
  const errors = errorsOf({ method, url: input.url, docs, parts });
  schema['response'] = { ...successResponses(docs, routeSchema), ...errorResponses(errors) };
  if (!input.url.startsWith('/api/')) schema['security'] = [];
  return result;
}

function successResponses(docs: OperationDocs, routeSchema: FastifySchema): Record<string, JsonSchema> {
  const declared = (routeSchema.response ?? {}) as Record<string, z.ZodType>;
  const responses: Record<string, JsonSchema> = {};
  const answers = { ...docs.responses, ...docs.otherAnswers } as Record<string, SuccessDocs>;
  for (const [status, answer] of Object.entries(answers)) {
    const headers = answer.headers && describeHeaders(answer.headers);
    const common = { 'x-response-description': answer.description, ...(headers ? { headers } : {}) };
    if (status === '204') {
      responses[status] = { type: 'null', description: answer.description, ...common };
      continue;
    }
    if (answer.contentType) {
      responses[status] = {
        description: answer.description,
        ...(headers ? { headers } : {}),
        content: { [answer.contentType]: { schema: { type: 'string' }, example: answer.example } },
      };
      continue;
    }
    const shape = answer.schema ?? declared[status];
    responses[status] = { ...(shape ? toJsonSchema(shape) : {}), ...common, examples: [answer.example] };
  }
  return responses;
}

function errorResponses(errors: ErrorExample[]): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorExample[]>();
  for (const error of errors)
    byStatus.set(statusOf(error.code), [...(byStatus.get(statusOf(error.code)) ?? []), error]);
  const responses: Record<string, JsonSchema> = {};
  for (const [status, group] of byStatus) {
    const examples = Object.fromEntries(
      group.map(({ code, message, issues }) => [
        code,
        { summary: code, value: { error: { code, message, ...(issues ? { issues } : {}) } } },
      ]),
    );
    responses[String(status)] = {
      description: group.map((error) => `- \`${error.code}\`: ${asText(error.message)}`).join('\n'),
      ...(status === 429 || status === 503 || status === 507 ? { headers: RETRY_AFTER } : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples } },
    };
  }
  return responses;
}

function describeHeaders(headers: Record<string, string>): JsonSchema {
  return Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [name, { type: 'string', description }]),
  );
}

/** Text bodies by content type, each with its example (`schemaToMedia` moves `examples` out). */
const rawContent = (bodies: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(bodies).map(([type, example]) => [
      type,
      { schema: { type: 'string', examples: [example] } },
    ]),
  );

/** A message as text in the Markdown of a description: `<key>` stays visible instead of being read as HTML. */
const asText = (message: string) => message.replace(/</g, '&lt;').replace(/>/g, '&gt;');
