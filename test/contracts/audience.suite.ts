import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudienceFilterSchema, type Filter, matchesAudience } from '../../engine/audience/index.ts';
import type { CustomerRecord } from '../../server/store/ports/customer-store.ts';
import type { Store } from '../../server/store/ports/store.ts';
import { CRITERIA_LIST, FIELDS, RULE_VALUES, customers, random, randomFilter } from './audience-fixtures.ts';
import type { StoreHarness } from './store-context.ts';

/**
 * `CustomerStore.search` selects exactly the customers `matchesAudience` accepts in memory:
 * every field × criterion × value of the fixtures, then random compound filters. Every adapter
 * runs it (`test/contracts/audience.<adapter>.test.ts`).
 */
export function audienceContractSuite(harness: StoreHarness): void {
  describe(`audience filters in the store equal the in-memory evaluation: ${harness.name}`, () => {
    let store: Store;
    let stored: CustomerRecord[];

    beforeAll(async () => {
      store = await harness.create();
      await store.commit({ customers: customers(), now: '2024-05-01T10:00:00.000Z' });
      // Evaluate in memory what the store gives back, as a scenario run would see it.
      stored = await store.customers.list({ limit: 10_000 });
    });

    afterAll(() => harness.cleanup());

    /** Both sides' ids for one filter; `problem` describes any difference. */
    const compare = async (filter: Filter) => {
      const expected = stored.filter((customer) => matchesAudience(filter, customer)).map((c) => c.id);
      const found = (await store.customers.search({ filter, limit: 10_000 })).map((c) => c.id);
      const same = JSON.stringify(found) === JSON.stringify(expected);
      const extra = found.filter((id) => !expected.includes(id));
      const lacking = expected.filter((id) => !found.includes(id));
      const problem = same
        ? null
        : `${JSON.stringify(filter.rules)}: store also has [${extra}], lacks [${lacking}]`;
      return { problem, selectsSome: expected.length > 0 && expected.length < stored.length };
    };

    it('stores every fixture customer', () => {
      expect(stored).toHaveLength(customers().length);
    });

    describe.each(FIELDS)('%s', (field) => {
      it.each(CRITERIA_LIST)('%s gives the same customers for every value', async (criteria) => {
        const problems: string[] = [];
        for (const value of RULE_VALUES) {
          const filter = AudienceFilterSchema.parse({ rules: [{ field, criteria, value }] });
          const { problem } = await compare(filter);
          if (problem) problems.push(problem);
        }
        expect(problems).toEqual([]);
      });
    });

    it('gives the same customers for 1,000 random compound filters (AND binds tighter than OR)', async () => {
      const next = random(20240501);
      const problems: string[] = [];
      let telling = 0;
      for (let round = 0; round < 1000; round += 1) {
        const { problem, selectsSome } = await compare(AudienceFilterSchema.parse(randomFilter(next)));
        if (problem) problems.push(problem);
        if (selectsSome) telling += 1;
      }
      expect(problems).toEqual([]);
      // Filters that select nobody or everybody prove little; most here select some.
      expect(telling).toBeGreaterThan(300);
    });

    it('pages a filtered audience by id without losing or repeating anyone', async () => {
      const filter = AudienceFilterSchema.parse({
        rules: [
          { field: 'customer.v', criteria: 'exists' },
          { field: 'customer.id', criteria: 'equals', value: 'empty', join: 'or' },
        ],
      });
      const all = (await store.customers.search({ filter, limit: 10_000 })).map((c) => c.id);
      const paged: string[] = [];
      for (let after: string | undefined; ;) {
        const page = await store.customers.search({ filter, limit: 7, ...(after ? { after } : {}) });
        paged.push(...page.map((c) => c.id));
        if (page.length < 7) break;
        after = page.at(-1)!.id;
      }
      expect(paged).toEqual(all);
      expect(all.length).toBeGreaterThan(40);
      expect(all).toEqual([...all].sort());
    });

    it('matches every customer with an empty filter, like list', async () => {
      const all = await store.customers.search({ filter: { rules: [] }, limit: 10_000 });
      expect(all).toEqual(stored);
    });
  });
}
