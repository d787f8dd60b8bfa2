import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documented } from '../../server/api-docs/operation-docs.ts';
import { ERROR_CODES, type ErrorCode, statusOf } from '../../server/errors.ts';
import { serverWithSink } from './helpers/test-server.ts';

interface Media {
  schema?: Record<string, unknown>;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description: string; content?: Record<string, Media> }>;
}
interface OpenApiDocument {
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

const document = async (url: string) =>
  (await (await fetch(`${url}/api/docs/json`)).json()) as OpenApiDocument;

function operationsOf(doc: OpenApiDocument): { name: string; method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      name: `${method.toUpperCase()} ${path}`,
      method,
      path,
      op,
    })),
  );
}

/** The documented JSON schema as a validator (OpenAPI 3.0 dialect, `#/components/schemas/…` resolved). */
function validatorOf(doc: OpenApiDocument, schema: Record<string, unknown>): z.ZodType {
  const ref = schema['$ref'];
  const resolved = typeof ref === 'string' ? doc.components.schemas[ref.split('/').at(-1)!]! : schema;
  return z.fromJSONSchema(resolved as never, { defaultTarget: 'openapi-3.0' });
}

/** Every problem of one operation's documentation, as sentences; empty when it is complete. */
function docsProblems(doc: OpenApiDocument, { path, op }: ReturnType<typeof operationsOf>[number]): string[] {
  const problems: string[] = [];
  const sections = new Set(doc.tags.map((tag) => tag.name));
  if (!op.summary?.trim()) problems.push('has no summary');
  if (!op.description || op.description.length < 40 || op.description === op.summary)
    problems.push('has no description a developer can act on');
  if (op.tags?.length !== 1 || !sections.has(op.tags[0]!))
    problems.push(`is in no described section: ${op.tags}`);

  const body = op.requestBody && Object.values(op.requestBody.content)[0];
  if (op.requestBody && body?.example === undefined) problems.push('takes a body but shows no example');
  if (body?.schema && body.example !== undefined) {
    const result = validatorOf(doc, body.schema).safeParse(body.example);
    if (!result.success) problems.push(`body example does not fit its schema: ${result.error.message}`);
  }

  const statuses = Object.keys(op.responses);
  const successes = statuses.filter((status) => /^2\d\d$/.test(status));
  if (successes.length === 0) problems.push('documents no 2xx answer');
  for (const status of successes) {
    const media = Object.values(op.responses[status]!.content ?? {})[0];
    if (status === '204') continue;
    if (media?.example === undefined) problems.push(`${status} answer has no example`);
    else if (media.schema && media.schema['type'] !== 'string') {
      const result = validatorOf(doc, media.schema).safeParse(media.example);
      if (!result.success)
        problems.push(`${status} example does not fit its schema: ${result.error.message}`);
    }
  }

  const errors = statuses.filter((status) => /^[45]\d\d$/.test(status));
  if (path.startsWith('/api/') && !errors.includes('401'))
    problems.push('does not document the 401 of a bad key');
  for (const status of errors) {
    const media = op.responses[status]!.content?.['application/json'];
    // /health answers its own report with 503, not an error body.
    if (!media?.examples && media?.example !== undefined) continue;
    const examples = Object.values(media?.examples ?? {});
    if (examples.length === 0) problems.push(`${status} answer has no example`);
    for (const { value } of examples) {
      const code = (value as { error?: { code?: string } }).error?.code as ErrorCode;
      if (!ERROR_CODES.includes(code)) problems.push(`${status} example has an unknown error.code "${code}"`);
      else if (String(statusOf(code)) !== status) problems.push(`${code} is documented under ${status}`);
      const result = validatorOf(doc, media!.schema!).safeParse(value);
      if (!result.success) problems.push(`${status} example is not an error body: ${result.error.message}`);
    }
  }
  return problems;
}

describe('the API reference at /api/docs', () => {
  const context = serverWithSink({ shared: true });

  it('gives every operation a summary, a description, a section, examples and its error answers', async () => {
    const doc = await document(context.server.url);
    const operations = operationsOf(doc);
    // The sweep covers what the server serves; a short list would make it hollow.
    expect(operations.length).toBeGreaterThanOrEqual(65);
    const incomplete = Object.fromEntries(
      operations
        .map((operation) => [operation.name, docsProblems(doc, operation)] as const)
        .filter(([, problems]) => problems.length > 0),
    );
    expect(incomplete).toEqual({});
  });

  it('describes every section it groups operations in, and leaves none empty', async () => {
    const doc = await document(context.server.url);
    const used = new Set(operationsOf(doc).flatMap(({ op }) => op.tags ?? []));
    for (const tag of doc.tags) {
      expect(tag.description.length, tag.name).toBeGreaterThan(40);
      expect(used.has(tag.name), `${tag.name} has operations`).toBe(true);
    }
  });

  it('documents the 401 every /api operation really answers without a key', async () => {
    const doc = await document(context.server.url);
    for (const { method, path, op } of operationsOf(doc).filter(({ path }) => path.startsWith('/api/'))) {
      const url = `${context.server.url}${path.replace(/\{[^}]+\}/g, 'x')}`;
      const response = await fetch(url, { method: method.toUpperCase() });
      const documentedCodes = Object.keys(
        op.responses[String(response.status)]?.content?.['application/json']?.examples ?? {},
      );
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(documentedCodes).toContain(((await response.json()) as { error: { code: string } }).error.code);
    }
  });

  it('documents a 400 whose example is the message the server really answers', async () => {
    const doc = await document(context.server.url);
    const documentedBody =
      doc.paths['/api/api-keys']!['post']!.responses['400']!.content!['application/json']!.examples![
        'bad_request'
      ]!.value;
    const answered = await context.server.api('POST', '/api/api-keys', {});
    expect(answered.status).toBe(400);
    expect(answered.body).toEqual(documentedBody);
  });

  it('serves the reference page', async () => {
    const page = await fetch(`${context.server.url}/api/docs`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('swagger-ui');
  });
});

describe('documented()', () => {
  const docs = {
    tag: 'Customers' as const,
    summary: 'Create a thing',
    description: 'Creates a thing, and says so at length for the reader.',
    responses: {
      201: { description: 'The thing', schema: z.object({ id: z.string() }), example: { id: 't_1' } },
    },
  };

  it("refuses a body example that does not fit the route's own body schema", () => {
    const body = z.object({ name: z.string().min(1) });
    expect(() => documented({ ...docs, bodyExample: { name: '' } }, { body })).toThrow(
      /Create a thing.*body example does not fit the body schema: name/,
    );
    expect(() => documented({ ...docs }, { body })).toThrow(/give a bodyExample/);
    expect(documented({ ...docs, bodyExample: { name: 'x' } }, { body }).summary).toBe('Create a thing');
  });

  it('refuses an answer example that does not fit its schema, and an operation without a description', () => {
    const answer = { description: 'The thing', schema: z.object({ id: z.string() }), example: { id: 1 } };
    expect(() => documented({ ...docs, responses: { 201: answer } })).toThrow(/201 example does not fit/);
    expect(() => documented({ ...docs, description: ' ' })).toThrow(
      /a summary and a description are required/,
    );
  });
});
