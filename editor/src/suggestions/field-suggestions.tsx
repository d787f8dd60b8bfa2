import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { suggestionsApi } from '../api/suggestions-api.ts';
import { useEditorStore } from '../store/editor-store-context.tsx';
import { upstreamOf, type UpstreamView } from './paths-to-node.ts';
import { useCached } from './use-cached.ts';

/** A field path a rule or a template may read, with where the suggestion comes from. */
export interface Suggestion {
  path: string;
  detail?: string;
}

/** A name a dotted field path can hold (the audience filter's segment syntax). */
const SEGMENT = /^[\w$-]+$/;

const Suggestions = createContext<readonly Suggestion[]>([]);

/** The field paths suggested in the fields of the node being edited; none outside a node. */
export function useFieldSuggestions(): readonly Suggestion[] {
  return useContext(Suggestions);
}

/**
 * Gives the fields of one node's form the paths stored data offers: the attributes found on
 * customers, the properties of the events that start its paths, and the fields of the
 * responses recorded (by runs or a test send) for the webhook nodes before it, as `webhook.`
 * and `webhook(n).` read them.
 */
export function SuggestionScope(props: { scenarioId: string; nodeId: string; children: ReactNode }) {
  const { scenarioId, nodeId } = props;
  const key = useEditorStore((state) => JSON.stringify(upstreamOf(state, nodeId)));
  const upstream = useMemo(() => JSON.parse(key) as UpstreamView, [key]);
  const webhookIds = [...new Set([...upstream.lastWebhooks, ...upstream.webhooksAt.flat()])];
  const tested = useEditorStore((state) => state.testedFields);
  const labels = useEditorStore((state) =>
    JSON.stringify(Object.fromEntries(state.nodes.map((node) => [node.id, node.data.label ?? node.id]))),
  );
  const attributes = useCached('customer-attributes', suggestionsApi.customerAttributes);
  const properties = useCached(
    upstream.eventTypes.length > 0 ? `event-properties:${upstream.eventTypes.join('\n')}` : null,
    () => Promise.all(upstream.eventTypes.map((type) => suggestionsApi.eventProperties(type))),
  );
  const recorded = useCached(
    webhookIds.length > 0 ? `response-fields:${scenarioId}:${webhookIds.join('\n')}` : null,
    async () =>
      Object.fromEntries(
        await Promise.all(
          webhookIds.map(
            async (id) => [id, (await suggestionsApi.responseFields(scenarioId, id)).fields] as const,
          ),
        ),
      ),
  );
  const value = useMemo(() => {
    const names = JSON.parse(labels) as Record<string, string>;
    const fieldsOf = (id: string) => [...new Set([...(tested[id] ?? []), ...(recorded?.[id] ?? [])])];
    const list: Suggestion[] = [];
    const add = (path: string, detail: string) => {
      if (
        path
          .split('.')
          .slice(1)
          .every((segment) => SEGMENT.test(segment))
      )
        list.push({ path, detail });
    };
    for (const id of upstream.lastWebhooks)
      for (const field of fieldsOf(id)) add(`webhook.${field}`, `response of ${names[id] ?? id}`);
    upstream.webhooksAt.forEach((ids, index) => {
      for (const id of ids)
        for (const field of fieldsOf(id))
          add(`webhook(${index + 1}).${field}`, `response of ${names[id] ?? id}`);
    });
    for (const answer of properties ?? [])
      for (const { name, count } of answer.items)
        add(`event.properties.${name}`, `in ${count} of the last ${answer.sample} “${answer.type}” events`);
    for (const { name, count } of attributes?.items ?? [])
      add(
        `customer.${name}`,
        `on ${count} of the last ${attributes!.sample.toLocaleString('en-US')} customers`,
      );
    return dedupe(list);
  }, [upstream, tested, recorded, properties, attributes, labels]);
  return <Suggestions.Provider value={value}>{props.children}</Suggestions.Provider>;
}

function dedupe(list: Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return list.filter((item) => !seen.has(item.path) && Boolean(seen.add(item.path)));
}
