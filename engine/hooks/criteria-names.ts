import type { Criteria } from '../audience/index.ts';

/**
 * Criteria as callers write them, folded (lower case, without spaces, `_` and `-`) to the
 * audience criteria: `equals`, `Not Equals`, `not_equals` and `neq` all mean not_equals.
 */
const NAMES: Record<string, Criteria> = {
  equals: 'equals',
  equal: 'equals',
  eq: 'equals',
  is: 'equals',
  notequals: 'not_equals',
  notequal: 'not_equals',
  neq: 'not_equals',
  ne: 'not_equals',
  isnot: 'not_equals',
  contains: 'contains',
  notcontains: 'not_contains',
  doesnotcontain: 'not_contains',
  startswith: 'starts_with',
  endswith: 'ends_with',
  greaterthan: 'greater_than',
  gt: 'greater_than',
  lessthan: 'less_than',
  lowerthan: 'less_than',
  lt: 'less_than',
  exists: 'exists',
  isset: 'exists',
  notempty: 'exists',
  isnotempty: 'exists',
  notexists: 'not_exists',
  notset: 'not_exists',
  isempty: 'not_exists',
  empty: 'not_exists',
  inlist: 'in_list',
  in: 'in_list',
};

/** The audience criteria a caller's name stands for, or null when it names none. */
export function criteriaFromName(name: string): Criteria | null {
  return NAMES[name.toLowerCase().replace(/[\s_-]+/g, '')] ?? null;
}

/** Criteria that compare with nothing: their value entry may be empty. */
export const VALUELESS: readonly Criteria[] = ['exists', 'not_exists'];
