import { z } from 'zod';

/** The comparisons an audience filter or a condition node can make. */
export const CRITERIA = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'greater_than',
  'less_than',
  'exists',
  'not_exists',
  'in_list',
] as const;

export const CriteriaSchema = z.enum(CRITERIA);
export type Criteria = z.infer<typeof CriteriaSchema>;

const ScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * One comparison. `field` is a dotted path into the evaluation context, e.g.
 * `customer.plan`, `event.properties.amount`, `webhook.status`.
 * `join` says how this rule attaches to the previous one (ignored on the first rule);
 * AND binds tighter than OR, as in SQL.
 */
export const FilterRuleSchema = z.object({
  field: z
    .string()
    .min(1, 'field is required')
    .max(200)
    .regex(/^[A-Za-z_$][\w$-]*(\.[\w$-]+)*$/, 'field must be a dotted path such as customer.plan'),
  criteria: CriteriaSchema,
  value: z.union([ScalarSchema, z.array(ScalarSchema)]).optional(),
  join: z.enum(['and', 'or']).default('and'),
});
export type FilterRule = z.infer<typeof FilterRuleSchema>;

export const FilterSchema = z.object({ rules: z.array(FilterRuleSchema).max(100).default([]) });
export type Filter = z.infer<typeof FilterSchema>;
