import {
  AUDIENCE_ROOT,
  AudienceFilterSchema,
  type Filter,
  type FilterRule,
  isWellFormedJson,
} from '../audience/index.ts';
import type { ValidationIssue } from '../scenario/validation-issue.ts';
import { criteriaFromName, VALUELESS } from './criteria-names.ts';
import type { AudienceValuesPayload, SetConversationPayload } from './launch-payload-schema.ts';
import { splitNames, splitValues } from './split-list.ts';

/** Keys that would reach an object's prototype if a caller merged them naively. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const VARIABLE_NAME = /^[A-Za-z_$][\w$-]*$/;

type Parsed<T> = { value: T; issues: ValidationIssue[] };

/**
 * The filter the payload's `fields` / `criteria` / `values` / `operators` describe, or null when
 * it names no fields (the node's configured audience applies). Fields are customer attributes:
 * `favorite_color` filters `customer.favorite_color`; `user_id` is the user_id attribute, else the
 * customer's id (`filterCustomer`), so the seed's "user with id 3030391" is found either way.
 */
export function payloadFilter(payload: AudienceValuesPayload): Parsed<Filter | null> {
  const fields = splitNames(payload.fields);
  if (fields.length === 0) {
    const stray = (['criteria', 'values', 'operators'] as const).filter((key) => payload[key] !== undefined);
    const issues = stray.map((key) => ({ field: key, message: `${key} given without fields to filter on` }));
    return { value: null, issues };
  }
  const issues: ValidationIssue[] = [];
  const criteria = criteriaList(splitNames(payload.criteria), fields.length, issues);
  const values = splitValues(payload.values, fields.length);
  const joins = joinList(splitNames(payload.operators), fields.length, issues);
  if (payload.values !== undefined && values.length !== fields.length) {
    issues.push({
      field: 'values',
      message: `values has ${values.length} entries for ${fields.length} fields: give one per field, separated by ";"`,
    });
  }
  if (issues.length > 0) return { value: null, issues };
  const rules = fields.map((field, index): FilterRule => {
    const criterion = criteria[index]!;
    const value = values[index];
    return {
      field: field.startsWith(`${AUDIENCE_ROOT}.`) ? field : `${AUDIENCE_ROOT}.${field}`,
      criteria: criterion,
      ...(VALUELESS.includes(criterion) || value === undefined ? {} : { value }),
      join: joins[index]!,
    };
  });
  for (const [index, rule] of rules.entries()) {
    if (rule.value === undefined && !VALUELESS.includes(rule.criteria)) {
      issues.push({ field: 'values', message: `field "${fields[index]}" has no value to compare with` });
    }
  }
  return issues.length > 0 ? { value: null, issues } : checkedFilter(rules, fields);
}

/** Variables to write on every targeted customer: `set_variables` paired with `set_variables_values`. */
export function payloadVariables(
  payload: AudienceValuesPayload | SetConversationPayload,
): Parsed<Record<string, string>> {
  const names = splitNames(payload.set_variables);
  const values = splitValues(payload.set_variables_values, names.length);
  if (names.length !== values.length) {
    const message = `set_variables names ${names.length} variables but set_variables_values has ${values.length} values: give one value per variable, separated by ";"`;
    return { value: {}, issues: [{ field: 'set_variables_values', message }] };
  }
  const issues: ValidationIssue[] = [];
  const variables: Record<string, string> = {};
  for (const [index, name] of names.entries()) {
    const problem = variableNameProblem(name);
    if (problem) issues.push({ field: 'set_variables', message: problem });
    else variables[name] = values[index]!;
  }
  if (!isWellFormedJson(variables)) {
    issues.push({ field: 'set_variables_values', message: 'values have an unpaired UTF-16 surrogate' });
  }
  return { value: variables, issues };
}

/** Why a variable name cannot be written on a customer, or null. */
export function variableNameProblem(name: string): string | null {
  if (name === 'id') return '"id" cannot be set as a variable: name the contact with user_id';
  if (FORBIDDEN_NAMES.has(name)) return `"${name}" cannot be set as a variable`;
  if (!VARIABLE_NAME.test(name)) {
    return `variable name "${name}" must start with a letter or "_" and hold only letters, digits, "_", "-" and "$"`;
  }
  return null;
}

function criteriaList(names: string[], count: number, issues: ValidationIssue[]) {
  if (names.length === 0) return Array.from({ length: count }, () => 'equals' as const);
  if (names.length !== 1 && names.length !== count) {
    issues.push({
      field: 'criteria',
      message: `criteria has ${names.length} entries for ${count} fields: give one per field, or one for all`,
    });
    return [];
  }
  const criteria = names.map((name) => {
    const found = criteriaFromName(name || 'equals');
    if (!found) issues.push({ field: 'criteria', message: `unknown criteria "${name}"` });
    return found ?? 'equals';
  });
  return names.length === 1 ? Array.from({ length: count }, () => criteria[0]!) : criteria;
}

/** Operators join consecutive filters: count - 1 of them (or count, the first one ignored). */
function joinList(names: string[], count: number, issues: ValidationIssue[]): ('and' | 'or')[] {
  const between = names.length === count ? names.slice(1) : names;
  if (names.length !== 0 && between.length !== count - 1) {
    const message = `operators has ${names.length} entries for ${count} fields: give one between each pair of fields`;
    issues.push({ field: 'operators', message });
    return [];
  }
  const joins = between.map((name) => {
    const join = name.toLowerCase();
    if (join === 'and' || join === 'or' || join === '') return join || 'and';
    issues.push({ field: 'operators', message: `operator "${name}" must be AND or OR` });
    return 'and';
  });
  return ['and', ...Array.from({ length: count - 1 }, (_, index) => joins[index] ?? 'and')];
}

function checkedFilter(rules: FilterRule[], fields: string[]): Parsed<Filter | null> {
  const checked = AudienceFilterSchema.safeParse({ rules });
  if (checked.success) return { value: checked.data, issues: [] };
  const issues = checked.error.issues.map((issue) => {
    const index = typeof issue.path[1] === 'number' ? issue.path[1] : 0;
    const key = issue.path[2] === 'value' ? 'values' : 'fields';
    return { field: key, message: `"${fields[index]}": ${issue.message}` };
  });
  return { value: null, issues };
}
