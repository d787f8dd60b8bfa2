import { expect, it } from 'vitest';
import { AudienceFilterSchema, type FilterRule, matchesAudience } from '../../engine/audience/index.ts';
import type { StoreContext } from './store-context.ts';
import { at } from './store-fixtures.ts';

type Rule = Pick<FilterRule, 'field' | 'criteria'> & Partial<Pick<FilterRule, 'value' | 'join'>>;

/** Attribute shapes that trip up a translation to a query language: types, nulls, arrays, odd keys. */
const PEOPLE: [string, Record<string, unknown>][] = [
  [
    'cus_01',
    {
      plan: 'pro',
      age: 34,
      tags: ['vip', 'beta'],
      address: { city: 'Paris' },
      active: true,
      signup: '2024-03-01T10:00:00Z',
    },
  ],
  [
    'cus_02',
    { plan: 'free', age: '29', tags: [], address: { city: 'Lyon' }, active: false, signup: '2023-12-24' },
  ],
  ['cus_03', { plan: 'Pro', age: 51.5, tags: ['beta'], active: 'true', nickname: null }],
  ['cus_04', { plan: null, age: null, tags: 'vip,beta', email: 'ana@example.com' }],
  ['cus_05', { email: 'bob@example.org', age: 0, score: 12, items: [{ sku: 'a' }, { sku: 'b' }] }],
  ['cus_06', { plan: 'enterprise', age: 120, tags: ['vip', 3, true, null], id: 'spoofed' }],
  ['cus_07', {}],
  ['cus_08', { plan: 'pro', address: 'Main street 1', length: 5, age: -3 }],
  ['cus_09', { plan: 'free ', age: '1e2', note: '😀 party', tags: ['😀'] }],
  ['cus_10', { plan: 'pro', age: 18, nested: { deep: { value: 'x' } }, tags: { 0: 'vip', length: 1 } }],
];

const FILTERS: Rule[][] = [
  [],
  [{ field: 'customer.plan', criteria: 'equals', value: 'pro' }],
  [{ field: 'customer.age', criteria: 'equals', value: '34' }],
  [{ field: 'customer.active', criteria: 'equals', value: 'true' }],
  [{ field: 'customer.plan', criteria: 'equals', value: null }],
  [{ field: 'customer.plan', criteria: 'not_equals', value: 'pro' }],
  [{ field: 'customer.plan', criteria: 'exists' }],
  [{ field: 'customer.nickname', criteria: 'not_exists' }],
  [{ field: 'customer.tags', criteria: 'contains', value: 'vip' }],
  [{ field: 'customer.tags', criteria: 'not_contains', value: 'beta' }],
  [{ field: 'customer.email', criteria: 'contains', value: 'example' }],
  [{ field: 'customer.note', criteria: 'contains', value: 'party' }],
  [{ field: 'customer.email', criteria: 'starts_with', value: 'ana' }],
  [{ field: 'customer.email', criteria: 'ends_with', value: '.org' }],
  [{ field: 'customer.age', criteria: 'greater_than', value: 30 }],
  [{ field: 'customer.age', criteria: 'less_than', value: '30' }],
  [{ field: 'customer.signup', criteria: 'greater_than', value: '2024-01-01' }],
  [{ field: 'customer.plan', criteria: 'in_list', value: ['pro', 'free'] }],
  [{ field: 'customer.plan', criteria: 'in_list', value: 'pro, enterprise' }],
  [{ field: 'customer.id', criteria: 'equals', value: 'cus_06' }],
  [{ field: 'customer.id', criteria: 'starts_with', value: 'cus_0' }],
  [{ field: 'customer.address.city', criteria: 'equals', value: 'Paris' }],
  [{ field: 'customer.nested.deep.value', criteria: 'equals', value: 'x' }],
  [{ field: 'customer.tags.0', criteria: 'equals', value: 'vip' }],
  [{ field: 'customer.tags.length', criteria: 'greater_than', value: 1 }],
  [{ field: 'customer.items.1.sku', criteria: 'equals', value: 'b' }],
  [
    { field: 'customer.plan', criteria: 'equals', value: 'free' },
    { field: 'customer.age', criteria: 'greater_than', value: 100, join: 'or' },
  ],
  [
    { field: 'customer.plan', criteria: 'equals', value: 'pro' },
    { field: 'customer.age', criteria: 'greater_than', value: 20 },
    { field: 'customer.email', criteria: 'exists', join: 'or' },
  ],
];

/** `CustomerStore.search`: exactly the customers the engine's `matchesAudience` accepts, paged by id. */
export function storeAudienceContract(context: StoreContext): void {
  const seed = async () => {
    for (const [id, attributes] of PEOPLE) await context.store.customers.put(id, attributes, at(1));
  };

  it.each(FILTERS.map((rules) => [JSON.stringify(rules), rules] as const))(
    'searches customers exactly as the in-memory audience filter selects them: %s',
    async (_name, rules) => {
      await seed();
      const filter = AudienceFilterSchema.parse({ rules });
      const expected = PEOPLE.filter(([id, attributes]) => matchesAudience(filter, { id, attributes }));
      const found = await context.store.customers.search({ filter, limit: 100 });
      expect(found.map((customer) => customer.id)).toEqual(expected.map(([id]) => id));
    },
  );

  it('pages search results by id after the last id of the previous page', async () => {
    await seed();
    const { customers } = context.store;
    const filter = AudienceFilterSchema.parse({ rules: [{ field: 'customer.plan', criteria: 'exists' }] });
    const ids = async (after?: string) =>
      (await customers.search({ filter, limit: 2, ...(after ? { after } : {}) })).map((found) => found.id);
    expect(await ids()).toEqual(['cus_01', 'cus_02']);
    expect(await ids('cus_02')).toEqual(['cus_03', 'cus_06']);
    expect(await ids('cus_09')).toEqual(['cus_10']);
    const [first] = await customers.search({ filter, limit: 1 });
    expect(first).toEqual(await customers.get('cus_01'));
  });

  it('counts an audience a slice of customers at a time, as the search selects them', async () => {
    await seed();
    const { customers } = context.store;
    for (const rules of [FILTERS[0]!, FILTERS[1]!, FILTERS.at(-1)!]) {
      const filter = AudienceFilterSchema.parse({ rules });
      const expected = PEOPLE.filter(([id, attributes]) =>
        matchesAudience(filter, { id, attributes }),
      ).length;
      let total = 0;
      let after: string | undefined;
      const slices: number[] = [];
      for (;;) {
        const slice = await customers.countMatching({ filter, scan: 3, ...(after ? { after } : {}) });
        total += slice.matched;
        slices.push(slice.scanned);
        if (slice.scanned < 3) break;
        after = slice.last!;
      }
      expect(total, JSON.stringify(rules)).toBe(expected);
      expect(slices).toEqual([3, 3, 3, 1]);
    }
    const past = await customers.countMatching({ filter: { rules: [] }, scan: 3, after: 'cus_10' });
    expect(past).toEqual({ matched: 0, scanned: 0, last: null });
  });
}
