import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { responseFieldNames } from '../suggestions/response-field-names.ts';
import { documented } from '../api-docs/operation-docs.ts';
import type { AppDeps } from './app-deps.ts';
import { suggestionDocs } from './docs/suggestion-docs.ts';
import { stepsAtNode } from './scenario-activity.ts';

/**
 * How much each suggestion reads, whatever the store holds: the editor asks as a field opens, so
 * each answer costs a few index seeks and at most these many rows.
 */
export const SUGGESTION_BOUNDS = {
  /** Event types seen in this window, counted up to `typeCountCap` each. */
  typeWindowMs: 30 * 24 * 3600 * 1000,
  typeCountCap: 1000,
  /** Distinct types walked in name order (a store with more lists the first ones by name). */
  scanTypes: 500,
  types: 100,
  /** Latest events of the type whose property names are counted. */
  eventSample: 500,
  /** Latest updated customers whose attribute names are counted. */
  customerSample: 1000,
  names: 200,
  /** Latest visits of a webhook node searched for a recorded response. */
  responseSteps: 20,
} as const;

/** What the editor suggests in its fields, read from the stored data. */
export const suggestionRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { store, clock } = deps;
    const bounds = SUGGESTION_BOUNDS;
    const docs = suggestionDocs(bounds);

    api.get('/suggestions/event-types', { schema: documented(docs.eventTypes) }, async () => {
      const since = new Date(clock.now() - bounds.typeWindowMs).toISOString();
      const items = await store.events.recentTypes({
        since,
        limit: bounds.types,
        countCap: bounds.typeCountCap,
        scanTypes: bounds.scanTypes,
      });
      return {
        since,
        items: items.map((item) => ({ ...item, capped: item.count >= bounds.typeCountCap })),
      };
    });

    api.get(
      '/suggestions/event-properties',
      {
        schema: documented(docs.eventProperties, {
          querystring: z.object({ type: z.string().trim().min(1, 'type is required').max(200) }),
        }),
      },
      async (request) => {
        const { type } = request.query;
        const items = await store.events.propertyNames({
          type,
          sample: bounds.eventSample,
          limit: bounds.names,
        });
        return { type, sample: bounds.eventSample, items };
      },
    );

    api.get('/suggestions/customer-attributes', { schema: documented(docs.customerAttributes) }, async () => {
      const items = await store.customers.attributeNames({
        sample: bounds.customerSample,
        limit: bounds.names,
      });
      return { sample: bounds.customerSample, items };
    });

    api.get(
      '/scenarios/:id/nodes/:nodeId/response-fields',
      {
        schema: documented(docs.responseFields, {
          params: z.object({ id: z.string().min(1).max(100), nodeId: z.string().min(1).max(64) }),
        }),
      },
      async (request) => {
        const steps = await stepsAtNode(store, {
          scenarioId: request.params.id,
          nodeId: request.params.nodeId,
          limit: bounds.responseSteps,
          version: null,
        });
        const step = steps.find((candidate) => recorded(candidate.detail['response']));
        const response = step?.detail['response'];
        if (!step || !recorded(response)) return { response: null, fields: [] };
        return {
          response: { at: step.at, status: response.status, runId: step.runId },
          fields: responseFieldNames(response),
        };
      },
    );
  };

type RecordedResponse = { status: number; headers: Record<string, string>; body: string };

/** A webhook step's `response` as the delivery worker records it (null when none came). */
function recorded(value: unknown): value is RecordedResponse {
  if (value === null || typeof value !== 'object') return false;
  const response = value as Partial<RecordedResponse>;
  return typeof response.status === 'number' && typeof response.body === 'string';
}
