import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { type Filter, type FilterRule, toOrderable } from '../../../engine/audience/index.ts';
import { ARRAY_ITEM, type FieldAccessor, arrayItems, fieldAccessor } from './field-accessor.ts';

/** A WHERE clause over `customers` and its named parameters (values are always bound, never inlined). */
export interface AudienceSql {
  where: string;
  params: Record<string, SQLInputValue>;
}

type Value = FilterRule['value'];

/** Collects bound values and hands out their names. */
class Params {
  readonly values: Record<string, SQLInputValue> = {};
  private count = 0;

  add(value: SQLInputValue): string {
    const name = `p${this.count++}`;
    this.values[name] = value;
    return `:${name}`;
  }
}

/**
 * Translates an audience filter (fields `customer.*`) into SQL that selects exactly the customers
 * `matchesAudience` accepts, type quirks included. Each rule yields 1, 0 or NULL; NULL only
 * ever means "no", so negations are written `IS NOT TRUE`.
 */
export function audienceSql(filter: Filter): AudienceSql {
  const params = new Params();
  // AND binds tighter than OR: a new group starts at every rule joined with "or".
  const groups: string[][] = [];
  for (const [index, rule] of filter.rules.entries()) {
    if (index === 0 || rule.join === 'or') groups.push([]);
    groups.at(-1)!.push(ruleSql(rule, params));
  }
  const where = groups.length === 0 ? '1' : groups.map((group) => `(${group.join(' AND ')})`).join(' OR ');
  return { where, params: params.values };
}

/**
 * `Number()` and `Date.parse()` grammars have no exact SQL twin (hex, "1e3", " 12 ", local-time
 * dates...), so text is made orderable by the engine's own `toOrderable`, called from SQL.
 */
export const ORDERABLE_FUNCTION = 'hookflow_orderable';

/** Registers the SQL functions `audienceSql` uses on one connection. */
export function registerAudienceFunctions(db: DatabaseSync): void {
  db.function(ORDERABLE_FUNCTION, { deterministic: true }, (value) =>
    typeof value === 'string' ? (toOrderable(value) ?? null) : null,
  );
}

function ruleSql(rule: FilterRule, params: Params): string {
  const field = fieldAccessor(rule.field);
  const { value } = rule;
  switch (rule.criteria) {
    case 'exists':
      return `${field.value} IS NOT NULL`;
    case 'not_exists':
      return `${field.value} IS NULL`;
    case 'equals':
      return equalsAny(field, { texts: [String(value)], nullish: isNullish(value) }, params);
    case 'not_equals':
      return not(equalsAny(field, { texts: [String(value)], nullish: isNullish(value) }, params));
    case 'contains':
      return contains(field, value, params);
    case 'not_contains':
      return not(contains(field, value, params));
    case 'starts_with':
      return startsWith(field, String(value ?? ''), params);
    case 'ends_with':
      return endsWith(field, String(value ?? ''), params);
    case 'greater_than':
      return compare(field, { operator: '>', than: value }, params);
    case 'less_than':
      return compare(field, { operator: '<', than: value }, params);
    case 'in_list':
      return equalsAny(field, listOf(value), params);
  }
}

const not = (condition: string): string => `(${condition}) IS NOT TRUE`;

const isNullish = (value: unknown): boolean => value === null || value === undefined;

/** The in-memory list semantics: an array as is, a string split on commas, anything else alone. */
function listOf(value: Value): { texts: string[]; nullish: boolean } {
  const items = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(',').map((item) => item.trim())
      : [value];
  // A null item also equals the text "null": `looselyEqual` compares non-null values by String().
  return { texts: items.map(String), nullish: items.some(isNullish) };
}

/** `String(actual)` for the scalars `looselyEqual` compares; NULL for null, missing, arrays, objects. */
function textOf(field: FieldAccessor): string {
  if (field.type === `'text'`) return field.value;
  return `(CASE ${field.type} WHEN 'text' THEN ${field.value} WHEN 'integer' THEN ${field.raw}
    WHEN 'real' THEN ${field.raw} WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' END)`;
}

/**
 * `looselyEqual(actual, item)` for some item: null/missing equal the nullish items, scalars equal
 * by `String()`. The test on the bare value comes first so an expression index can answer it;
 * the text comparison after it is what decides.
 */
function equalsAny(
  field: FieldAccessor,
  items: { texts: string[]; nullish: boolean },
  params: Params,
): string {
  const scalar = `(${oneOf(field.value, storedForms(items.texts), params)}
    AND ${oneOf(textOf(field), items.texts, params)})`;
  return items.nullish ? `(${field.value} IS NULL OR ${scalar})` : scalar;
}

/**
 * `=` for one text keeps an index's id order (no sort for a page). Lists, and numbers (which
 * node:sqlite would bind as doubles), travel as one JSON array, read back exactly by `json_each`.
 */
function oneOf(expression: string, values: readonly unknown[], params: Params): string {
  const [only] = values;
  if (values.length === 1 && typeof only === 'string') return `${expression} = ${params.add(only)}`;
  return `${expression} IN (SELECT value FROM json_each(${params.add(JSON.stringify(values))}))`;
}

/**
 * The JSON values whose `String()` is one of `texts`, as `json_extract` returns them: the text
 * itself, the number it is the canonical form of (written as that very text, so an integer beyond
 * 2^53 stays exact), and 1 or 0 for "true" or "false".
 */
function storedForms(texts: readonly string[]): unknown[] {
  const forms: unknown[] = [...texts];
  for (const text of texts) {
    const number = Number(text);
    if (Number.isFinite(number) && String(number) === text) forms.push(JSON.parse(text));
    if (text === 'true' || text === 'false') forms.push(text === 'true');
  }
  return forms;
}

function contains(field: FieldAccessor, expected: Value, params: Params): string {
  const needle = params.add(Buffer.from(String(expected ?? '')));
  // Bytes, not characters: SQLite's text functions stop at a NUL character, JavaScript's do not.
  const inText = `(${field.type} = 'text' AND instr(CAST(${field.value} AS BLOB), ${needle}) > 0)`;
  if (field.path === null) return inText;
  const text = `${textOf(ARRAY_ITEM)} = ${params.add(String(expected))}`;
  const equal = isNullish(expected) ? `(${ARRAY_ITEM.type} = 'null' OR ${text})` : text;
  const inArray = `(CASE WHEN ${field.type} = 'array'
    THEN EXISTS (SELECT 1 FROM ${arrayItems(field.path)} WHERE ${equal}) ELSE 0 END)`;
  return `(${inText} OR ${inArray})`;
}

function startsWith(field: FieldAccessor, prefix: string, params: Params): string {
  if (prefix === '') return `${field.type} = 'text'`;
  const bytes = params.add(Buffer.from(prefix));
  const head = `substr(CAST(${field.value} AS BLOB), 1, length(${bytes}))`;
  const exact = `(${field.type} = 'text' AND ${head} = ${bytes})`;
  // A range on the bare value lets an expression index (or the id key) narrow the rows first.
  const above = successor(prefix);
  if (above === null) return exact;
  return `(${field.value} >= ${params.add(prefix)} AND ${field.value} < ${params.add(above)} AND ${exact})`;
}

function endsWith(field: FieldAccessor, suffix: string, params: Params): string {
  if (suffix === '') return `${field.type} = 'text'`;
  const bytes = params.add(Buffer.from(suffix));
  const tail = `substr(CAST(${field.value} AS BLOB), -length(${bytes}))`;
  return `(${field.type} = 'text' AND ${tail} = ${bytes})`;
}

/**
 * The least string above every string starting with `prefix` (UTF-8 order is code point order):
 * the prefix with its last code point raised by one. Null when no such string is easy to write.
 */
function successor(prefix: string): string | null {
  const points = [...prefix];
  const last = points.pop()!.codePointAt(0)!;
  const next = last + 1;
  if (next > 0x10ffff || (next >= 0xd800 && next <= 0xdfff)) return null;
  return points.join('') + String.fromCodePoint(next);
}

/** Numbers compare as numbers, text through the engine's `toOrderable`; anything else never orders. */
function compare(field: FieldAccessor, order: { operator: '>' | '<'; than: Value }, params: Params): string {
  const bound = toOrderable(order.than);
  if (bound === undefined) return '0';
  // An integer beyond 2^53 is compared as the double JavaScript reads it as.
  const actual = `(CASE ${field.type} WHEN 'integer' THEN CAST(${field.value} AS REAL)
    WHEN 'real' THEN ${field.value} WHEN 'text' THEN ${ORDERABLE_FUNCTION}(${field.value}) END)`;
  return `${actual} ${order.operator} ${params.add(bound)}`;
}
