import { CRITERIA, type Filter, type FilterRule } from '../../engine/audience/index.ts';

/**
 * Attribute values chosen for the quirks of `looselyEqual`, `toOrderable` and `contains`: numbers
 * and the strings that look like them, booleans and "true", null and "null", dates with and
 * without offsets, arrays and objects, text that trips byte/character handling.
 */
export const VALUES: unknown[] = [
  'pro',
  'Pro',
  '',
  ' ',
  '42',
  '42.0',
  '042',
  ' 42 ',
  '4.2e1',
  '0x2A',
  '-0',
  '0',
  '1e+21',
  'Infinity',
  'NaN',
  'true',
  'false',
  'null',
  'undefined',
  'a,b',
  'a, b',
  '2024-05-01',
  '2024-05-01T10:00:00Z',
  '2024-05-01T12:00:00+02:00',
  '2024-05-01 10:00',
  '2024-13-45',
  'a\u0000b',
  'é',
  'ÿ',
  '\u007f',
  '😀x',
  'プロ',
  "it's",
  '%_*?[',
  'line\nbreak',
  "'); DELETE FROM customers; --",
  42,
  42.5,
  0,
  -1,
  1,
  1e21,
  0.30000000000000004,
  2 ** 60,
  1714557600000,
  true,
  false,
  null,
  [],
  ['vip', 'beta'],
  [42, '42', true, null],
  ['a,b'],
  [['nested']],
  [{ a: 1 }],
  [''],
  {},
  { v: 'x' },
  { length: 3, 0: 'zero' },
];

/** Rule values: every stored value that is a valid rule value, lists, and no value at all. */
export const RULE_VALUES: FilterRule['value'][] = [
  undefined,
  ...VALUES.filter((value): value is Exclude<FilterRule['value'], undefined> => isRuleValue(value)),
  ['pro', 42],
  ['true', null],
  ['x', 'y'],
  [0, false],
  '42, pro',
  'pro,',
  'a',
  'x',
  '2024-04-30',
  '2024-05-01T10:00:00.000Z',
  1714557600001,
  41.9,
  '+336',
  'é',
  'b',
  // Customer ids: customer.user_id falls back to the id where there is no user_id attribute.
  'empty',
  'c001',
  'c002',
  'u-null',
  'u-own',
  'someone',
];

function isRuleValue(value: unknown): boolean {
  const scalar = (item: unknown) => item === null || ['string', 'number', 'boolean'].includes(typeof item);
  return scalar(value) || (Array.isArray(value) && value.every(scalar));
}

/** Fields that reach every value shape: top level, nested, array positions, lengths, odd keys, the id. */
export const FIELDS = [
  'customer.v',
  'customer.nested.v',
  'customer.odd-key',
  'customer.$k',
  'customer.list.0',
  'customer.list.1',
  'customer.v.length',
  'customer.v.0',
  'customer.v.0.a',
  'customer.v.length.x',
  'customer.missing',
  'customer.id',
  'customer.id.length',
  'customer.user_id',
  'customer.user_id.length',
  'customer.user_id.0',
];

/**
 * One customer per value, under several paths, plus a few with nothing at all. Every other one
 * has the value as its `user_id` too; the rest read their id there (`filterCustomer`).
 */
export function customers(): { id: string; attributes: Record<string, unknown> }[] {
  const made: { id: string; attributes: Record<string, unknown> }[] = VALUES.map((value, index) => ({
    id: `c${String(index).padStart(3, '0')}`,
    attributes: {
      v: value,
      nested: { v: value },
      'odd-key': value,
      $k: value,
      list: [value, VALUES[(index + 1) % VALUES.length]],
      ...(index % 2 === 0 ? { user_id: value } : {}),
    },
  }));
  made.push({ id: 'empty', attributes: {} });
  made.push({ id: '42', attributes: { v: 'id is a number' } });
  made.push({ id: 'pro', attributes: { nested: 'not an object', list: 'not a list' } });
  made.push({ id: 'u-null', attributes: { user_id: null } });
  made.push({ id: 'u-own', attributes: { user_id: 'someone' } });
  made.push({ id: 'someone', attributes: { user_id: 'u-own' } });
  return made;
}

export const CRITERIA_LIST = CRITERIA;

/** A seeded generator (mulberry32): the random compound filters are the same on every run. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A filter of 1 to 4 random rules joined at random by and/or. */
export function randomFilter(next: () => number): Filter {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const count = 1 + Math.floor(next() * 4);
  const rules = Array.from({ length: count }, () => ({
    field: pick(FIELDS),
    criteria: pick(CRITERIA),
    value: pick(RULE_VALUES),
    join: next() < 0.5 ? ('and' as const) : ('or' as const),
  }));
  return { rules };
}
