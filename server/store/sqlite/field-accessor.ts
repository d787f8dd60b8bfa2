import { AUDIENCE_ROOT, isArrayStep, USER_ID } from '../../../engine/audience/index.ts';

/**
 * SQL expressions reading one customer field of a `customers` row the way `readPath` reads it
 * in memory from `{ customer: { ...attributes, id } }`. Field paths are inlined into the SQL (so
 * that expression indexes match); they are checked against `SAFE_SEGMENT` first and never
 * carry values.
 */
export interface FieldAccessor {
  /** `json_type()`: 'null', 'true', 'false', 'integer', 'real', 'text', 'array', 'object'; NULL when missing. */
  type: string;
  /** `json_extract()`: NULL for JSON null or missing, 1/0 for booleans, JSON text for arrays and objects. */
  value: string;
  /**
   * The value's JSON text. Attributes are written with `JSON.stringify`, so a number's text is
   * exactly JavaScript's `String(number)` (SQLite keeps number literals as written).
   */
  raw: string;
  /** SQL giving the value's JSON path (for `json_each` over arrays); null when it is never an array. */
  path: string | null;
}

const ATTRIBUTES = 'customers.attributes';
const SAFE_SEGMENT = /^[\w$-]+$/;
const PLAIN_KEY = /^[A-Za-z_]\w*$/;

const MISSING: FieldAccessor = { type: 'NULL', value: 'NULL', raw: 'NULL', path: null };
const CUSTOMER_ID: FieldAccessor = { type: `'text'`, value: 'customers.id', raw: 'NULL', path: null };

/** One element of an array, in a subquery `FROM json_each(...) AS item` (see `arrayItems`). */
export const ARRAY_ITEM: FieldAccessor = {
  type: 'item.type',
  value: 'item.value',
  raw: `(${ATTRIBUTES} -> item.fullkey)`,
  path: null,
};

/** The rows of the array at `path` (an accessor's `path`), named `item`. */
export const arrayItems = (path: string): string => `json_each(${ATTRIBUTES}, ${path}) AS item`;

/** A JSON path: a literal while every step is a plain key, else an SQL expression built at run time. */
type JsonPath = { literal: string } | { sql: string };

/** The accessor of a `customer.*` field; throws for anything else (audience filters are validated first). */
export function fieldAccessor(field: string): FieldAccessor {
  const [root, ...segments] = field.split('.');
  if (root !== AUDIENCE_ROOT || segments.length === 0 || !segments.every((s) => SAFE_SEGMENT.test(s))) {
    throw new Error(`not an audience field: ${JSON.stringify(field)}`);
  }
  // The id shadows any attribute called id; below it is a string, which has no properties.
  if (segments[0] === 'id') return segments.length === 1 ? CUSTOMER_ID : MISSING;
  // Below user_id nothing changes: where it falls back to the id, a string has no properties.
  if (segments.length === 1 && segments[0] === USER_ID) return userIdAccessor();
  let path: JsonPath = { literal: '$' };
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (segment === 'length' && last) return lengthAccessor(path);
    path =
      segment === 'length'
        ? afterLength(path)
        : isArrayStep(segment)
          ? indexOrKey(path, segment)
          : key(path, segment);
  }
  return jsonAccessor(path);
}

/**
 * `customer.user_id` as `filterCustomer` reads it: the attribute when it holds a value, else the
 * customer's id. The `customers_user_id` index is on this very COALESCE (see migrations).
 */
function userIdAccessor(): FieldAccessor {
  const attribute = jsonAccessor(key({ literal: '$' }, USER_ID));
  return {
    type: `(CASE WHEN ${attribute.value} IS NULL THEN 'text' ELSE ${attribute.type} END)`,
    value: `COALESCE(${attribute.value}, ${CUSTOMER_ID.value})`,
    // Read only for numbers, and for arrays' items: the id is neither.
    raw: attribute.raw,
    path: attribute.path,
  };
}

function jsonAccessor(path: JsonPath): FieldAccessor {
  const at = sqlOf(path);
  return {
    type: `json_type(${ATTRIBUTES}, ${at})`,
    value: `json_extract(${ATTRIBUTES}, ${at})`,
    raw: `(${ATTRIBUTES} -> ${at})`,
    path: at,
  };
}

/** `x.length`: the array's length when x is an array, else x's own key "length". */
function lengthAccessor(parent: JsonPath): FieldAccessor {
  const isArray = `json_type(${ATTRIBUTES}, ${sqlOf(parent)}) = 'array'`;
  const count = `json_array_length(${ATTRIBUTES}, ${sqlOf(parent)})`;
  const keyed = jsonAccessor(key(parent, 'length'));
  const either = (ifArray: string, otherwise: string) =>
    `(CASE WHEN ${isArray} THEN ${ifArray} ELSE ${otherwise} END)`;
  return {
    type: either(`'integer'`, keyed.type),
    value: either(count, keyed.value),
    raw: either(`CAST(${count} AS TEXT)`, keyed.raw),
    path: either('NULL', keyed.path!),
  };
}

const sqlOf = (path: JsonPath): string => ('literal' in path ? `'${path.literal}'` : path.sql);

const keyStep = (segment: string): string => (PLAIN_KEY.test(segment) ? `.${segment}` : `."${segment}"`);

function key(path: JsonPath, segment: string): JsonPath {
  const step = keyStep(segment);
  return 'literal' in path ? { literal: `${path.literal}${step}` } : { sql: `(${path.sql} || '${step}')` };
}

/** `x.0`: element 0 when x is an array, else x's own key "0". */
function indexOrKey(path: JsonPath, segment: string): JsonPath {
  const at = sqlOf(path);
  const step = `CASE json_type(${ATTRIBUTES}, ${at}) WHEN 'array' THEN '[${segment}]' ELSE '${keyStep(segment)}' END`;
  return { sql: `(${at} || ${step})` };
}

/** `x.length.y`: an array's length is a number, which has no keys; an object's key "length" may. */
function afterLength(path: JsonPath): JsonPath {
  const at = sqlOf(path);
  return { sql: `(CASE json_type(${ATTRIBUTES}, ${at}) WHEN 'array' THEN NULL ELSE ${at} || '.length' END)` };
}
