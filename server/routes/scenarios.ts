import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DraftDefinitionSchema,
  ScenarioInputSchema,
  ScenarioNameSchema,
  sameDefinition,
  validateScenario,
  type Scenario,
  type ScenarioDefinition,
} from '../../engine/scenario/index.ts';
import { HookflowError, notFound } from '../errors.ts';
import { authorOf } from '../http/api-key-auth.ts';
import { newId } from '../ids.ts';
import { resolvePresetNodes } from '../presets/resolve-preset-nodes.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { scenarioDocs as docs } from './docs/scenario-docs.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const ScenarioPatchSchema = z.object({
  name: ScenarioNameSchema.optional(),
  description: z.string().max(5000).optional(),
  definition: DraftDefinitionSchema.optional(),
});

/** Scenario drafts, activation into frozen versions, and version history. */
export const scenarioRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { store, runtime, clock, scenarioChecks } = deps;
    const now = () => new Date(clock.now()).toISOString();
    const mustGet = async (id: string) =>
      (await store.scenarios.get(id)) ?? Promise.reject(notFound('scenario', id));
    /**
     * The last activated version when the draft, as activation would freeze it, runs the same:
     * publishing it again makes no twin version (a stopped scenario goes live on it again).
     */
    const unchangedVersion = async (scenario: Scenario, definition: ScenarioDefinition) => {
      if (scenario.activeVersion === null) return null;
      const last = await store.scenarios.getVersion(scenario.id, scenario.activeVersion);
      return last && sameDefinition(last.definition, definition) ? last : null;
    };

    api.get('/scenarios', { schema: documented(docs.list, { querystring: ListQuery }) }, async (request) => ({
      items: await store.scenarios.list(request.query),
    }));

    api.post(
      '/scenarios',
      { schema: documented(docs.create, { body: ScenarioInputSchema }) },
      async (request, reply) => {
        const at = now();
        const scenario: Scenario = {
          id: newId('scn', clock.now()),
          ...request.body,
          status: 'draft',
          activeVersion: null,
          createdAt: at,
          updatedAt: at,
          updatedBy: authorOf(request),
        };
        await store.scenarios.create(scenario);
        return reply.status(201).send(scenario);
      },
    );

    api.get('/scenarios/:id', { schema: documented(docs.get, { params: IdParams }) }, async (request) =>
      mustGet(request.params.id),
    );

    api.patch(
      '/scenarios/:id',
      { schema: documented(docs.update, { params: IdParams, body: ScenarioPatchSchema }) },
      async (request) =>
        (await store.scenarios.update(
          request.params.id,
          { ...request.body, updatedBy: authorOf(request) },
          now(),
        )) ?? Promise.reject(notFound('scenario', request.params.id)),
    );

    api.delete(
      '/scenarios/:id',
      { schema: documented(docs.delete, { params: IdParams }) },
      async (request, reply) => {
        const scenario = await mustGet(request.params.id);
        if (scenario.status === 'active') {
          throw new HookflowError(
            'conflict',
            `scenario "${scenario.id}" is active: deactivate it before deleting it`,
          );
        }
        await store.scenarios.delete(scenario.id);
        // SQLite cascades the hook tokens; MongoDB has no foreign keys, so say it for both.
        await store.launchHooks.deleteByScenario(scenario.id);
        runtime.catalog.forget(scenario.id);
        return reply.status(204).send();
      },
    );

    api.post(
      '/scenarios/validate',
      { schema: documented(docs.validate, { body: z.unknown() }) },
      async (request) => {
        // Validate what activation would run: preset nodes filled from their pinned versions.
        const draft = DraftDefinitionSchema.safeParse(request.body);
        const resolved = draft.success ? await resolvePresetNodes(draft.data, deps.presets) : null;
        const result = validateScenario(resolved?.definition ?? request.body, scenarioChecks);
        const issues = [...(resolved?.issues ?? []), ...result.issues];
        return { ok: issues.length === 0, issues };
      },
    );

    api.post(
      '/scenarios/:id/activate',
      { schema: documented(docs.activate, { params: IdParams }) },
      async (request) => {
        const scenario = await mustGet(request.params.id);
        const resolved = await resolvePresetNodes(scenario.definition, deps.presets);
        const result = validateScenario(resolved.definition, scenarioChecks);
        const issues = [...resolved.issues, ...result.issues];
        if (!result.ok || issues.length > 0) {
          const first = issues[0]!;
          const where = [first.nodeId && `node "${first.nodeId}"`, first.field].filter(Boolean).join(' ');
          throw new HookflowError(
            'validation_failed',
            `scenario cannot be activated: ${where ? `${where}: ` : ''}${first.message}`,
            issues,
          );
        }
        const unchanged = await unchangedVersion(scenario, result.definition);
        const notify = deps.subscriptions.index.wants('scenario.activated');
        if (unchanged && scenario.status === 'active')
          return { scenario, version: unchanged, unchanged: true };
        const activated = unchanged
          ? {
              scenario: await store.scenarios.setStatus(scenario.id, {
                status: 'active',
                now: now(),
                notify,
              }),
              version: unchanged,
            }
          : await store.scenarios.activate(scenario.id, {
              definition: result.definition,
              author: authorOf(request),
              now: now(),
              notify,
            });
        if (!activated?.scenario) throw notFound('scenario', scenario.id);
        await runtime.catalog.refresh();
        await deps.scheduleTriggers.sync();
        deps.subscriptions.nudge();
        return { ...activated, unchanged: unchanged !== null };
      },
    );

    api.post(
      '/scenarios/:id/deactivate',
      { schema: documented(docs.deactivate, { params: IdParams }) },
      async (request) => {
        await mustGet(request.params.id);
        const stopped = await store.scenarios.setStatus(request.params.id, {
          status: 'stopped',
          now: now(),
          notify: deps.subscriptions.index.wants('scenario.deactivated'),
        });
        await runtime.catalog.refresh();
        await deps.scheduleTriggers.sync();
        deps.subscriptions.nudge();
        return stopped;
      },
    );

    api.get(
      '/scenarios/:id/versions',
      { schema: documented(docs.versions, { params: IdParams }) },
      async (request) => {
        await mustGet(request.params.id);
        return { items: await store.scenarios.listVersions(request.params.id) };
      },
    );

    api.get(
      '/scenarios/:id/versions/:version',
      {
        schema: documented(docs.version, {
          params: IdParams.extend({ version: z.coerce.number().int().min(1) }),
        }),
      },
      async (request) =>
        (await store.scenarios.getVersion(request.params.id, request.params.version)) ??
        Promise.reject(notFound('version', `${request.params.id}@${request.params.version}`)),
    );
  };
