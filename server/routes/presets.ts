import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PresetDefinitionSchema } from '../../engine/presets/index.ts';
import { extractParameters } from '../../engine/template/index.ts';
import type { PresetRecord } from '../store/ports/preset-store.ts';
import { PresetImportSchema } from '../presets/preset-exchange.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { presetDocs as docs } from './docs/preset-docs.ts';

const IdParams = z.object({ id: z.string().min(1).max(120) });

/** A preset with the parameters a node made from it asks for (name, type, default, help). */
function withParameters(record: PresetRecord) {
  const { webhook, parameters: help } = record.definition;
  const sources = [
    webhook.url,
    webhook.body,
    ...webhook.headers.map((header) => header.value),
    ...webhook.query.map((q) => q.value),
  ];
  const parameters = extractParameters(...sources).map((parameter) => ({
    ...parameter,
    help: help[parameter.name] ?? '',
  }));
  return { ...record, parameters };
}

/** Webhook presets (the user's, versioned) and the read-only template library; export and import. */
export const presetRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { presets } = deps;

    api.get('/presets', { schema: documented(docs.list) }, async () => ({
      items: (await presets.list()).map(withParameters),
      library: presets.libraryPresets(),
    }));

    api.post(
      '/presets',
      { schema: documented(docs.create, { body: PresetDefinitionSchema }) },
      async (request, reply) => reply.status(201).send(withParameters(await presets.create(request.body))),
    );

    api.get(
      '/presets/export',
      {
        schema: documented(docs.export, {
          querystring: z.object({ ids: z.string().max(10_000).optional() }),
        }),
      },
      async (request) =>
        presets.export(request.query.ids ? request.query.ids.split(',').map((id) => id.trim()) : null),
    );

    api.post(
      '/presets/import',
      { schema: documented(docs.import, { body: PresetImportSchema }) },
      async (request, reply) => {
        const { items, outcomes } = await presets.import(request.body);
        return reply.status(201).send({ items: items.map(withParameters), outcomes });
      },
    );

    api.get('/presets/:id', { schema: documented(docs.get, { params: IdParams }) }, async (request) =>
      withParameters(await presets.get(request.params.id)),
    );

    api.put(
      '/presets/:id',
      { schema: documented(docs.update, { params: IdParams, body: PresetDefinitionSchema }) },
      async (request) => withParameters(await presets.update(request.params.id, request.body)),
    );

    api.delete(
      '/presets/:id',
      { schema: documented(docs.delete, { params: IdParams }) },
      async (request, reply) => {
        await presets.delete(request.params.id);
        return reply.status(204).send();
      },
    );

    api.get(
      '/presets/:id/versions',
      { schema: documented(docs.versions, { params: IdParams }) },
      async (request) => {
        await presets.get(request.params.id);
        return { items: await deps.store.presets.listVersions(request.params.id) };
      },
    );
  };
