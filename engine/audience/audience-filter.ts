import { evaluateFilter } from './evaluate-filter.ts';
import { type Filter, type FilterRule, FilterSchema } from './filter-schema.ts';

/** Every audience field starts here: an audience selects customers by their id and attributes. */
export const AUDIENCE_ROOT = 'customer';

/**
 * How many times one field may step into an array, by position (`customer.tags.0`) or length
 * (`customer.tags.length`). Stores resolve each such step two ways (array or object key), so
 * the cost of a field doubles with each one; three is plenty for attribute data.
 */
export const MAX_ARRAY_STEPS = 3;

/**
 * A path segment that reads an array element or an array's length when the value is an array
 * (in memory, `Object.hasOwn` finds both). Only canonical indexes count: `01` is never an index.
 */
export const isArrayStep = (segment: string): boolean =>
  segment === 'length' || /^(0|[1-9]\d{0,8})$/.test(segment);

/**
 * A filter over customers: the filter schema, with every field under `customer.` —
 * `customer.id` is the customer's id, anything else a path into its attributes
 * (`customer.plan`, `customer.address.city`). Example:
 * `{ "rules": [{ "field": "customer.bot_channel", "criteria": "equals", "value": "whatsapp" }] }`.
 */
export const AudienceFilterSchema = FilterSchema.superRefine((filter, context) => {
  for (const [index, rule] of filter.rules.entries()) {
    for (const [key, message] of ruleIssues(rule)) {
      context.addIssue({ code: 'custom', path: ['rules', index, key], message });
    }
  }
});

function ruleIssues(rule: FilterRule): ['field' | 'value', string][] {
  const issues: ['field' | 'value', string][] = [];
  const [root, ...segments] = rule.field.split('.');
  if (root !== AUDIENCE_ROOT || segments.length === 0) {
    issues.push([
      'field',
      `audience fields start with "${AUDIENCE_ROOT}." (e.g. customer.plan), got "${rule.field}"`,
    ]);
  } else if (segments.filter(isArrayStep).length > MAX_ARRAY_STEPS) {
    issues.push([
      'field',
      `"${rule.field}" steps into arrays (a number or length) more than ${MAX_ARRAY_STEPS} times`,
    ]);
  }
  if (!isWellFormedJson(rule.value)) {
    issues.push(['value', 'value has an unpaired UTF-16 surrogate, which is not Unicode text']);
  }
  return issues;
}

/** The attribute that names a contact in the seed's payloads (`fields: "user_id"`, targets, set_conversation). */
export const USER_ID = 'user_id';

/**
 * The customer as every filter sees it (audiences, launch-hook fields, conditions, event
 * triggers): `id` is always the customer's own id, and `user_id` is its `user_id` attribute when
 * that holds a value (neither missing nor null), else its id. Contacts are named by user_id, and
 * one created by id alone (an event, `PUT /api/customers/:id`) is that user too, as
 * `set_conversation` finds it. Returns the view itself when it already has a user_id.
 */
export function filterCustomer<T extends { id: string }>(view: T): T {
  const own = (view as Record<string, unknown>)[USER_ID];
  return own === undefined || own === null ? { ...view, [USER_ID]: view.id } : view;
}

/** The customer as a filter sees it: its attributes, `id` its own id, `user_id` per `filterCustomer`. */
export function audienceContext(customer: { id: string; attributes: Record<string, unknown> }): {
  customer: Record<string, unknown>;
} {
  return { customer: filterCustomer({ ...customer.attributes, id: customer.id }) };
}

/** The in-memory side of an audience: what a store's `search` must return, customer by customer. */
export function matchesAudience(
  filter: Filter,
  customer: { id: string; attributes: Record<string, unknown> },
): boolean {
  return evaluateFilter(filter, audienceContext(customer));
}

// String.prototype.isWellFormed is ES2024; the project's lib stops at ES2023.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * True when every string (and key) in plain JSON data is well-formed Unicode. Stores keep text as
 * UTF-8, where an unpaired surrogate has no form: it would compare differently there and in
 * memory, so audience data and filter values refuse it.
 */
export function isWellFormedJson(value: unknown): boolean {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.every(isWellFormedJson);
  if (value === null || typeof value !== 'object') return true;
  return Object.entries(value).every(([key, item]) => !LONE_SURROGATE.test(key) && isWellFormedJson(item));
}
