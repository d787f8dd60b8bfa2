import { BatchSettingsSchema } from '../../../engine/scenario/index.ts';
import { numberOr, recordOf, text } from '../inspector/config-values.ts';

const DEFAULTS = BatchSettingsSchema.parse({ customerTemplate: '-' });
export const BATCH_DEFAULT_SIZE = DEFAULTS.size;
export const BATCH_DEFAULT_WINDOW_MS = DEFAULTS.windowMs;

/** The batch settings of a draft webhook config, or undefined in single mode. */
export function batchOf(config: Record<string, unknown>): Record<string, unknown> | undefined {
  return config.batch === undefined || config.batch === null ? undefined : recordOf(config.batch);
}

/** The batch size the node will use (the schema's default when unset). */
export const batchSize = (batch: Record<string, unknown>) => numberOr(batch.size, BATCH_DEFAULT_SIZE);

/** A customer template to start from: one recipient of a bulk messaging API, or the id. */
export function customerExample(format: string): string {
  return format === 'json' ? '{ "number": {{ customer.user_phone_number | tojson }} }' : '{{ customer.id }}';
}

/** A root template that joins the rendered customers into one JSON array, or lines of text. */
function rootFor(format: string): string {
  return format === 'json'
    ? "[\n  {% output customers separated by ',\\n  ' %}\n]"
    : '{{ customers | join("\\n") }}';
}

/**
 * Switching to batch mode: what was written for one customer becomes the customer template, and
 * the root starts as the list of them; switching back keeps the customer template as the body.
 * Either way nothing typed is lost that undo cannot bring back.
 */
export function batchTogglePatch(config: Record<string, unknown>, on: boolean): Record<string, unknown> {
  const batch = batchOf(config);
  if (!on) return { batch: undefined, body: text(batch?.customerTemplate) || text(config.body) };
  return {
    body: rootFor(text(config.format, 'json')),
    batch: {
      // An empty template would be refused: start from an example rather than from nothing.
      customerTemplate: text(config.body) || customerExample(text(config.format, 'json')),
      size: BATCH_DEFAULT_SIZE,
      windowMs: BATCH_DEFAULT_WINDOW_MS,
    },
  };
}
