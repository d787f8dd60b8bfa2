import type { Criteria, Filter, FilterRule } from './filter-schema.ts';

/** Reads a dotted path from plain data; never walks into inherited properties. */
export function readPath(source: unknown, path: string): unknown {
  let value: unknown = source;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Evaluates a filter against one context. An empty filter matches everything. */
export function evaluateFilter(filter: Filter, context: unknown): boolean {
  // AND binds tighter than OR: split the rules into OR-groups, each group is a conjunction.
  let groupHolds = true;
  for (const [index, rule] of filter.rules.entries()) {
    if (index > 0 && rule.join === 'or') {
      if (groupHolds) return true;
      groupHolds = true;
    }
    if (groupHolds) groupHolds = evaluateRule(rule, context);
  }
  return groupHolds;
}

export function evaluateRule(rule: FilterRule, context: unknown): boolean {
  return compare(rule.criteria, readPath(context, rule.field), rule.value);
}

function compare(criteria: Criteria, actual: unknown, expected: FilterRule['value']): boolean {
  switch (criteria) {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'not_exists':
      return actual === undefined || actual === null;
    case 'equals':
      return looselyEqual(actual, expected);
    case 'not_equals':
      return !looselyEqual(actual, expected);
    case 'contains':
      return contains(actual, expected);
    case 'not_contains':
      return !contains(actual, expected);
    case 'starts_with':
      return typeof actual === 'string' && actual.startsWith(String(expected ?? ''));
    case 'ends_with':
      return typeof actual === 'string' && actual.endsWith(String(expected ?? ''));
    case 'greater_than':
      return order(actual, expected) > 0;
    case 'less_than':
      return order(actual, expected) < 0;
    case 'in_list':
      return listOf(expected).some((item) => looselyEqual(actual, item));
  }
}

/** Values arrive as text from forms and URLs: "42" equals 42 and "true" equals true. */
function looselyEqual(actual: unknown, expected: unknown): boolean {
  if (actual === undefined || actual === null) return expected === null || expected === undefined;
  if (typeof actual === 'object') return false;
  return String(actual) === String(expected);
}

function contains(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string') return actual.includes(String(expected ?? ''));
  if (Array.isArray(actual)) return actual.some((item) => looselyEqual(item, expected));
  return false;
}

function listOf(expected: FilterRule['value']): unknown[] {
  if (Array.isArray(expected)) return expected;
  if (typeof expected === 'string') return expected.split(',').map((item) => item.trim());
  return [expected];
}

/** Numbers compare as numbers, ISO dates as instants; anything else does not order (NaN). */
function order(actual: unknown, expected: unknown): number {
  const a = toOrderable(actual);
  const b = toOrderable(expected);
  if (a === undefined || b === undefined) return Number.NaN;
  return a - b;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

export function toOrderable(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const asNumber = Number(value);
  if (Number.isFinite(asNumber)) return asNumber;
  if (ISO_DATE.test(value)) {
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}
