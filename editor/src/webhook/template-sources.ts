import { templatedFields, type WebhookNode } from '../../../engine/scenario/index.ts';
import { listOf, recordOf, text } from '../inspector/config-values.ts';

const pairsOf = (value: unknown) =>
  listOf<{ key?: unknown; value?: unknown }>(value).map((pair) => ({
    key: text(pair.key),
    value: text(pair.value),
  }));

/**
 * The templates of a draft webhook config by field path (`config.body`, `config.query.0.key`),
 * listed by the engine's own `templatedFields`, so the editor checks exactly what activation checks.
 */
export function templateSources(config: Record<string, unknown>): Record<string, string> {
  const batch = config.batch ? recordOf(config.batch) : undefined;
  // A draft may not pass the schema yet; templatedFields reads only these fields.
  const node = {
    id: '',
    type: 'webhook' as const,
    config: {
      url: text(config.url),
      query: pairsOf(config.query),
      headers: pairsOf(config.headers),
      body: text(config.body),
      ...(batch ? { batch: { customerTemplate: text(batch.customerTemplate) } } : {}),
    },
  } as WebhookNode;
  return Object.fromEntries(templatedFields(node).map(({ field, source }) => [field, source]));
}

const PLACES: [RegExp, string][] = [
  [/^config\.url$/, 'URL'],
  [/^config\.query\./, 'query'],
  [/^config\.headers\./, 'headers'],
  [/^config\.body$/, 'payload'],
  [/^config\.batch\.customerTemplate$/, 'customer template'],
];

/** Where a field sits, in the words of the Endpoint and Payload tabs. */
export function placeOf(field: string): string {
  return PLACES.find(([pattern]) => pattern.test(field))?.[1] ?? field;
}
