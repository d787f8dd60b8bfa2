import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AudienceFilterSchema } from '../../engine/audience/index.ts';
import { CustomerAttributesSchema, CustomerIdSchema } from '../customers/customer-schemas.ts';
import { type ImportFormat, importCustomers } from '../customers/import-customers.ts';
import { HookflowError, notFound } from '../errors.ts';
import type { CustomerChange } from '../store/ports/customer-store.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { customerDocs as docs } from './docs/customer-docs.ts';

/** `?filter=` carries an audience filter as JSON text. */
const FilterParamSchema = z
  .string()
  .transform((text, context): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      context.addIssue({ code: 'custom', message: `filter is not valid JSON: ${(error as Error).message}` });
      return z.NEVER;
    }
  })
  .pipe(AudienceFilterSchema)
  .describe(
    'JSON audience filter, e.g. {"rules":[{"field":"customer.plan","criteria":"equals","value":"pro"}]}',
  );

const IdParams = z.object({ id: CustomerIdSchema });

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.string().max(200).optional().describe('the last id of the previous page (`next`)'),
  filter: FilterParamSchema.optional(),
});

const IMPORT_TYPES: Record<string, ImportFormat> = { 'application/x-ndjson': 'ndjson', 'text/csv': 'csv' };

type ImportUpload = { format: ImportFormat; payload: AsyncIterable<Buffer> };

/**
 * Customers and their attributes: read, replace (PUT), merge (PATCH: top-level keys, null removes
 * one), delete, and list by id or by audience filter. PUT and PATCH create missing customers (201).
 */
export const customerRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { store, clock } = deps;
    const now = () => new Date(clock.now()).toISOString();

    api.get('/customers', { schema: documented(docs.list, { querystring: ListQuery }) }, async (request) => {
      const { limit, after, filter } = request.query;
      const page = { limit, ...(after === undefined ? {} : { after }) };
      const items = filter
        ? await store.customers.search({ filter, ...page })
        : await store.customers.list(page);
      return { items, next: items.length === limit ? (items.at(-1)?.id ?? null) : null };
    });

    api.get('/customers/:id', { schema: documented(docs.get, { params: IdParams }) }, async (request) => {
      const customer = await store.customers.get(request.params.id);
      if (!customer) throw notFound('customer', request.params.id);
      return customer;
    });

    const write = (mode: CustomerChange['mode']) =>
      api.route({
        method: mode === 'replace' ? 'PUT' : 'PATCH',
        url: '/customers/:id',
        schema: documented(mode === 'replace' ? docs.replace : docs.merge, {
          params: IdParams,
          body: CustomerAttributesSchema,
        }),
        handler: async (request, reply) => {
          const watch = deps.subscriptions.index.customerWatch();
          const change = { attributes: request.body, mode, ...(watch ? { watch } : {}) };
          const { customer, created } = await store.customers.upsert(request.params.id, change, now());
          if (watch) deps.subscriptions.nudge();
          return reply.status(created ? 201 : 200).send(customer);
        },
      });
    write('replace');
    write('merge');

    // The file is read as it arrives, never held whole: the parser hands the route the stream,
    // tagged with the format the matched content type names.
    for (const [type, format] of Object.entries(IMPORT_TYPES))
      app.addContentTypeParser(type, (_request, payload, done) => done(null, { format, payload }));
    api.post(
      '/customers/import',
      {
        // The body is the file's stream; each line is bounded as it is read.
        config: { boundsOwnBody: true },
        schema: documented(docs.import),
      },
      async (request) => {
        const upload = request.body as ImportUpload | undefined;
        if (!upload || typeof upload !== 'object' || !('payload' in upload))
          throw new HookflowError(
            'unsupported_media_type',
            'send the file as application/x-ndjson (one {"id","attributes"} object per line) or text/csv (a header line with an id column)',
          );
        const report = await importCustomers({
          source: upload.payload,
          format: upload.format,
          store,
          now,
          watch: () => deps.subscriptions.index.customerWatch(),
        });
        if (report.imported > 0) deps.subscriptions.nudge();
        return report;
      },
    );

    api.delete(
      '/customers/:id',
      { schema: documented(docs.delete, { params: IdParams }) },
      async (request, reply) => {
        if (!(await store.customers.delete(request.params.id))) throw notFound('customer', request.params.id);
        return reply.status(204).send();
      },
    );
  };
