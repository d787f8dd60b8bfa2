import { templatedFields, type WebhookConfig } from '../../../engine/scenario/index.ts';

/**
 * The templates of a draft webhook config by field path (`config.body`, `config.query.0.key`),
 * listed by the engine's own `templatedFields`, so the editor checks exactly what activation checks.
 */
export function templateSources(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    templatedFields({ type: 'webhook', config }).map(({ field, source }) => [field, source]),
  );
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

/** The format a sent body is judged in (a GET sends none). */
export function bodyFormat(config: Record<string, unknown>): { format?: WebhookConfig['format'] } {
  const format = config.format === 'xml' || config.format === 'text' ? config.format : 'json';
  return config.method === 'GET' ? {} : { format };
}
