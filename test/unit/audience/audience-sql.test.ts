import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudienceFilterSchema } from '../../../engine/audience/index.ts';
import { audienceSql } from '../../../server/store/sqlite/audience-sql.ts';
import { fieldAccessor } from '../../../server/store/sqlite/field-accessor.ts';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.ts';

const filter = (rules: unknown[]) => AudienceFilterSchema.parse({ rules });

describe('audience filters as SQL', () => {
  let store: SqliteStore;

  beforeAll(() => {
    store = new SqliteStore(':memory:');
  });

  afterAll(() => store.close());

  const plan = (rules: unknown[]) => {
    const { where, params } = audienceSql(filter(rules));
    const sql = `EXPLAIN QUERY PLAN SELECT * FROM customers WHERE (${where}) AND id > :after ORDER BY id LIMIT :limit`;
    const rows = store.db.prepare(sql).all({ ...params, after: '', limit: 100 }) as { detail: string }[];
    return rows.map((row) => row.detail).join(' | ');
  };

  it('binds every value and inlines only the validated field path', () => {
    const value = "x' OR 1=1; DROP TABLE customers; --";
    for (const criteria of ['equals', 'not_equals', 'contains', 'starts_with', 'ends_with', 'in_list']) {
      const { where, params } = audienceSql(filter([{ field: 'customer.note', criteria, value }]));
      expect(where, criteria).not.toContain('DROP');
      expect(where, criteria).toContain(`'$.note'`);
      const bound = Object.values(params).map((param) =>
        param instanceof Uint8Array ? Buffer.from(param).toString() : String(param),
      );
      expect(bound.join('\n'), criteria).toContain('DROP');
    }
  });

  it('quotes keys that are not plain identifiers in the JSON path', () => {
    expect(fieldAccessor('customer.odd-key.$x').value).toBe(
      `json_extract(customers.attributes, '$."odd-key"."$x"')`,
    );
    expect(fieldAccessor('customer.id').value).toBe('customers.id');
  });

  it('refuses fields a validated audience filter cannot hold', () => {
    expect(() => fieldAccessor('event.type')).toThrow('not an audience field');
    expect(() => fieldAccessor("customer.a'b")).toThrow('not an audience field');
  });

  it("looks the seed's ids up through their expression indexes, pages in id order without a sort", () => {
    for (const field of ['user_id', 'user_phone_number', 'bot_channel']) {
      const equal = plan([{ field: `customer.${field}`, criteria: 'equals', value: 'whatsapp' }]);
      expect(equal).toContain(`USING INDEX customers_${field} (<expr>=? AND id>?)`);
      expect(equal).not.toContain('TEMP B-TREE');
      const prefix = plan([{ field: `customer.${field}`, criteria: 'starts_with', value: '+3361' }]);
      expect(prefix).toContain(`USING INDEX customers_${field} (<expr>>? AND <expr><?)`);
    }
    expect(plan([{ field: 'customer.user_id', criteria: 'in_list', value: ['a', 'b'] }])).toContain(
      'USING INDEX customers_user_id',
    );
    expect(plan([{ field: 'customer.id', criteria: 'equals', value: 'c1' }])).toContain(
      'USING PRIMARY KEY (id=?)',
    );
  });

  it('matches everything with no rules', () => {
    expect(audienceSql({ rules: [] })).toEqual({ where: '1', params: {} });
  });
});
