import { describe, expect, it } from 'vitest';
import { evaluateFilter, FilterSchema } from '../../../engine/audience/index.ts';

const context = {
  customer: {
    id: 'c1',
    plan: 'pro',
    age: 42,
    tags: ['vip', 'beta'],
    email: 'ada@example.com',
    joined: '2024-05-01',
  },
  event: { properties: { amount: '250' } },
};

const rule = (field: string, criteria: string, value?: unknown) =>
  FilterSchema.parse({ rules: [{ field, criteria, value }] });

describe('audience filters evaluated in memory', () => {
  it.each([
    ['customer.plan', 'equals', 'pro', true],
    ['customer.plan', 'equals', 'free', false],
    ['customer.age', 'equals', '42', true],
    ['customer.plan', 'not_equals', 'free', true],
    ['customer.email', 'contains', '@example', true],
    ['customer.tags', 'contains', 'vip', true],
    ['customer.tags', 'not_contains', 'gold', true],
    ['customer.email', 'starts_with', 'ada', true],
    ['customer.email', 'ends_with', '.org', false],
    ['customer.age', 'greater_than', 40, true],
    ['event.properties.amount', 'greater_than', 100, true],
    ['customer.age', 'less_than', '40', false],
    ['customer.joined', 'greater_than', '2024-01-01', true],
    ['customer.joined', 'less_than', '2024-01-01T00:00:00Z', false],
    ['customer.plan', 'greater_than', 3, false],
    ['customer.plan', 'exists', undefined, true],
    ['customer.phone', 'exists', undefined, false],
    ['customer.phone', 'not_exists', undefined, true],
    ['customer.plan', 'in_list', ['free', 'pro'], true],
    ['customer.plan', 'in_list', 'free, pro', true],
    ['customer.plan', 'in_list', ['free'], false],
  ])('%s %s %j is %s', (field, criteria, value, expected) => {
    expect(evaluateFilter(rule(field, criteria, value), context)).toBe(expected);
  });

  it('never reads inherited properties such as constructor', () => {
    expect(evaluateFilter(rule('customer.constructor', 'exists'), context)).toBe(false);
    expect(evaluateFilter(rule('customer.__proto__', 'exists'), context)).toBe(false);
  });

  it('binds AND tighter than OR', () => {
    const filter = FilterSchema.parse({
      rules: [
        { field: 'customer.plan', criteria: 'equals', value: 'free' },
        { field: 'customer.age', criteria: 'greater_than', value: 100, join: 'and' },
        { field: 'customer.email', criteria: 'contains', value: 'ada', join: 'or' },
      ],
    });
    expect(evaluateFilter(filter, context)).toBe(true);
    const none = FilterSchema.parse({
      rules: [
        { field: 'customer.plan', criteria: 'equals', value: 'free' },
        { field: 'customer.email', criteria: 'contains', value: 'ada', join: 'or' },
        { field: 'customer.age', criteria: 'less_than', value: 10, join: 'and' },
      ],
    });
    expect(evaluateFilter(none, context)).toBe(false);
  });

  it('matches everything with no rules', () => {
    expect(evaluateFilter({ rules: [] }, context)).toBe(true);
  });
});
