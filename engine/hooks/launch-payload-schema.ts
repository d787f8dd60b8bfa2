import { z } from 'zod';
import { boundedJson } from '../validation/index.ts';

/**
 * The JSON a launch hook accepts on POST, one schema per form of the seed. Field names are the
 * seed's own: callers written for it keep working.
 */

/** One text list: `"a;b"` / `"a,b"` as the seed writes them, or a JSON array. */
const ListSchema = z.union(
  [z.string().max(100_000), z.array(z.union([z.string(), z.number(), z.boolean()])).max(100)],
  { error: 'must be a string of entries separated by ";" (or a JSON array)' },
);

/** Keys shared by the audience form and the conversation form. */
const audienceKeys = {
  /** Filter fields (customer attributes), e.g. `"favorite_color"` or `"user_id;favorite_color"`. */
  fields: ListSchema.optional(),
  /** One criteria per field (or one for all), e.g. `"equals"`; equals when absent. */
  criteria: ListSchema.optional(),
  /** One value per field, separated by `;`, e.g. `"3030391;red"`. */
  values: ListSchema.optional(),
  /** AND / OR between consecutive filters; AND when absent. */
  operators: ListSchema.optional(),
  /** Variables written to every targeted customer before the run, e.g. `"new_favorite_color"`. */
  set_variables: ListSchema.optional(),
  /** One value per variable, separated by `;`, e.g. `"magenta"`. */
  set_variables_values: ListSchema.optional(),
};

/** *Audience and values*: overrides the node's audience and sets variables on whom it targets. */
export const AudienceValuesPayloadSchema = z.strictObject({
  ...audienceKeys,
  set_conversation: z.literal(false, { error: 'set_conversation must be true or false' }).optional(),
});

/**
 * `set_conversation: true`: the audience is ignored; the customer named by the `user_id` (else
 * `user_phone_number`) variable is targeted, created from the variables when missing.
 */
export const SetConversationPayloadSchema = z.strictObject({
  ...audienceKeys,
  set_conversation: z.literal(true),
});

/**
 * One contact of the *targets* form: its variables, flat (`{ "user_id": "…", "bot_channel":
 * "whatsapp", "plan": "pro" }`) or under `variables`; the two are merged. They become customer
 * attributes, so they are bounded as attributes are (`FREE_FORM_JSON`).
 */
export const LaunchTargetSchema = boundedJson(
  z.record(z.string(), z.unknown(), { error: 'each target must be a JSON object of variables' }),
).refine((target) => target['variables'] === undefined || isPlainObject(target['variables']), {
  message: 'variables must be a JSON object',
  path: ['variables'],
});

/** *Targets*: customers by id, each with its own variables, created when missing. */
export const TargetsPayloadSchema = z.strictObject({
  targets: z.array(LaunchTargetSchema).min(1, 'targets must name at least one contact').max(1000),
});

export type AudienceValuesPayload = z.infer<typeof AudienceValuesPayloadSchema>;
export type SetConversationPayload = z.infer<typeof SetConversationPayloadSchema>;
export type TargetsPayload = z.infer<typeof TargetsPayloadSchema>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
