import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { responseFieldNames } from '../suggestions/response-field-names.ts';
import type { AppDeps } from './app-deps.ts';
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

const tags = ['suggestions'];

/** What the editor suggests in its fields, read from the stored data. */
export const suggestionRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const { store, clock } = deps;
    const bounds = SUGGESTION_BOUNDS;

    api.get(
      '/suggestions/event-types',
      {
        schema: {
          tags,
          summary: 'Event types received lately',
          description: `The event types received in the last 30 days, latest first (at most ${bounds.types}), each with when it was last received and how many arrived, counted up to ${bounds.typeCountCap.toLocaleString('en-US')} (\`capped\` says the count is a floor). The event trigger's type field suggests them.`,
        },
      },
      async () => {
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
      },
    );

    api.get(
      '/suggestions/event-properties',
      {
        schema: {
          tags,
          summary: 'Property names of an event type',
          description: `The top-level property names of the latest ${bounds.eventSample} events of \`type\`, with how many of them carry each, most common first. Conditions suggest them as \`event.properties.<name>\`.`,
          querystring: z.object({ type: z.string().trim().min(1, 'type is required').max(200) }),
        },
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

    api.get(
      '/suggestions/customer-attributes',
      {
        schema: {
          tags,
          summary: 'Attribute names of customers',
          description: `The top-level attribute names of the ${bounds.customerSample.toLocaleString('en-US')} most recently updated customers, with how many of them carry each, most common first. Conditions suggest them as \`customer.<name>\`.`,
        },
      },
      async () => {
        const items = await store.customers.attributeNames({
          sample: bounds.customerSample,
          limit: bounds.names,
        });
        return { sample: bounds.customerSample, items };
      },
    );

    api.get(
      '/scenarios/:id/nodes/:nodeId/response-fields',
      {
        schema: {
          tags,
          summary: "Fields of a webhook node's last response",
          description:
            "The fields `webhook.<field>` reads on the latest response this webhook node recorded in a run (any version): the JSON body's fields as dotted paths up to 3 levels, then `status`, `headers`, `data`, `json`. `response` is null until a run received one. Conditions and templates after the node suggest them.",
          params: z.object({ id: z.string().min(1).max(100), nodeId: z.string().min(1).max(64) }),
        },
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
