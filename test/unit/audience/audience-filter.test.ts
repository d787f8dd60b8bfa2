import { describe, expect, it } from 'vitest';
import {
  AudienceFilterSchema,
  audienceContext,
  isWellFormedJson,
  matchesAudience,
} from '../../../engine/audience/index.ts';

const parse = (rules: unknown[]) => AudienceFilterSchema.safeParse({ rules });
const messages = (rules: unknown[]) => {
  const result = parse(rules);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('audience filters', () => {
  it('accept customer fields, nested paths, array positions and lengths', () => {
    const result = parse([
      { field: 'customer.id', criteria: 'equals', value: 'c1' },
      { field: 'customer.address.city', criteria: 'equals', value: 'Lyon', join: 'or' },
      { field: 'customer.tags.0', criteria: 'exists' },
      { field: 'customer.tags.length', criteria: 'greater_than', value: 2 },
    ]);
    expect(result.success).toBe(true);
  });

  it('refuse fields outside customer, naming the rule', () => {
    expect(
      messages([
        { field: 'customer.plan', criteria: 'exists' },
        { field: 'event.type', criteria: 'exists' },
      ]),
    ).toEqual([
      'rules.1.field: audience fields start with "customer." (e.g. customer.plan), got "event.type"',
    ]);
    expect(messages([{ field: 'customer', criteria: 'exists' }])[0]).toContain('start with "customer."');
  });

  it('refuse fields that step into arrays more than three times', () => {
    expect(parse([{ field: 'customer.a.0.b.1.length', criteria: 'exists' }]).success).toBe(true);
    expect(messages([{ field: 'customer.a.0.1.2.3', criteria: 'exists' }])[0]).toContain('more than 3 times');
    // "01" is never an array index, so it is a plain key and does not count.
    expect(parse([{ field: 'customer.a.01.02.03.04', criteria: 'exists' }]).success).toBe(true);
  });

  it('refuse values with unpaired surrogates, which have no UTF-8 form in a store', () => {
    expect(messages([{ field: 'customer.name', criteria: 'equals', value: 'x\ud800' }])).toEqual([
      'rules.0.value: value has an unpaired UTF-16 surrogate, which is not Unicode text',
    ]);
    expect(parse([{ field: 'customer.name', criteria: 'equals', value: '😀' }]).success).toBe(true);
  });

  it('see the customer id in place of any attribute called id', () => {
    const customer = { id: 'c1', attributes: { id: 'spoofed', plan: 'pro' } };
    expect(audienceContext(customer)).toEqual({ customer: { id: 'c1', user_id: 'c1', plan: 'pro' } });
    const filter = AudienceFilterSchema.parse({
      rules: [{ field: 'customer.id', criteria: 'equals', value: 'c1' }],
    });
    expect(matchesAudience(filter, customer)).toBe(true);
  });

  it("read user_id as the customer's user_id attribute when it has a value, else as its id", () => {
    const userId = (attributes: Record<string, unknown>) =>
      audienceContext({ id: '3030391', attributes }).customer['user_id'];
    expect(userId({ favorite_color: 'red' })).toBe('3030391');
    expect(userId({ user_id: null })).toBe('3030391');
    expect(userId({ user_id: 'u-7' })).toBe('u-7');
    expect(userId({ user_id: 42 })).toBe(42);
    const filter = AudienceFilterSchema.parse({
      rules: [{ field: 'customer.user_id', criteria: 'equals', value: '3030391' }],
    });
    expect(matchesAudience(filter, { id: '3030391', attributes: {} })).toBe(true);
    expect(matchesAudience(filter, { id: '3030391', attributes: { user_id: 'u-7' } })).toBe(false);
    expect(matchesAudience(filter, { id: 'c9', attributes: { user_id: 3030391 } })).toBe(true);
  });

  it('tell well-formed JSON text from text with unpaired surrogates, keys included', () => {
    expect(isWellFormedJson({ a: ['😀', 1, null, { b: 'é' }] })).toBe(true);
    expect(isWellFormedJson({ a: ['\udc00'] })).toBe(false);
    expect(isWellFormedJson({ ['k\ud83d']: 1 })).toBe(false);
  });
});
