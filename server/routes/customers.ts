import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AudienceFilterSchema, isWellFormedJson } from '../../engine/audience/index.ts';
import { jsonObject } from '../../engine/validation/index.ts';
import { notFound } from '../errors.ts';
import type { CustomerChange } from '../store/ports/customer-store.ts';
import type { AppDeps } from './app-deps.ts';

const NOT_UNICODE = 'an unpaired UTF-16 surrogate, which is not Unicode text';

/**
 * A customer id: any text up to 200 characters, as sending systems name their contacts. On
 * WhatsApp, SMS and RCS the id is the phone number (as the seed's contacts are); elsewhere it is
 * the channel's user id. The same value usually sits in the `user_id` attribute.
 */
const CustomerIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine(isWellFormedJson, `id has ${NOT_UNICODE}`)
  .describe('customer id; on WhatsApp, SMS and RCS the phone number, e.g. +33612345678');

const IdParams = z.object({ id: CustomerIdSchema });

/**
 * Free-form attributes: one JSON object. The seed's contacts carry `user_id`,
 * `user_phone_number` and `bot_channel` (whatsapp, sms, rcs, ...); these three are indexed for
 * audiences. Anything else (plan, favorite_color, nested objects, lists) is stored as given, up to
 * 32 levels deep and 64 KiB (`FREE_FORM_JSON`).
 */
const CustomerAttributesSchema = jsonObject('attributes', { subject: 'attributes' })
  .refine(isWellFormedJson, `attributes contain ${NOT_UNICODE}`)
  .describe(
    'attributes, e.g. {"user_id":"+33612345678","user_phone_number":"+33612345678","bot_channel":"whatsapp"}',
  );

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

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.string().max(200).optional().describe('the last id of the previous page (`next`)'),
  filter: FilterParamSchema.optional(),
});

const tags = ['customers'];

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

    api.get('/customers', { schema: { querystring: ListQuery, tags } }, async (request) => {
      const { limit, after, filter } = request.query;
      const page = { limit, ...(after === undefined ? {} : { after }) };
      const items = filter
        ? await store.customers.search({ filter, ...page })
        : await store.customers.list(page);
      return { items, next: items.length === limit ? (items.at(-1)?.id ?? null) : null };
    });

    api.get('/customers/:id', { schema: { params: IdParams, tags } }, async (request) => {
      const customer = await store.customers.get(request.params.id);
      if (!customer) throw notFound('customer', request.params.id);
      return customer;
    });

    const write = (mode: CustomerChange['mode']) =>
      api.route({
        method: mode === 'replace' ? 'PUT' : 'PATCH',
        url: '/customers/:id',
        schema: { params: IdParams, body: CustomerAttributesSchema, tags },
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

    api.delete('/customers/:id', { schema: { params: IdParams, tags } }, async (request, reply) => {
      if (!(await store.customers.delete(request.params.id))) throw notFound('customer', request.params.id);
      return reply.status(204).send();
    });
  };
