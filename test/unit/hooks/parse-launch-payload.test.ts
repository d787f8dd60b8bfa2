import { describe, expect, it } from 'vitest';
import { parseLaunchPayload } from '../../../engine/hooks/index.ts';

const rule = (field: string, criteria: string, value?: string, join = 'and') => ({
  field,
  criteria,
  ...(value === undefined ? {} : { value }),
  join,
});

describe('parseLaunchPayload', () => {
  it('reads no body as the configured audience', () => {
    expect(parseLaunchPayload(undefined)).toEqual({
      ok: true,
      request: { form: 'audience', filter: null, setAttributes: {} },
    });
  });

  it("reads the seed's red → magenta example as a filter and a variable", () => {
    const result = parseLaunchPayload({
      fields: 'favorite_color',
      criteria: 'equals',
      values: 'red',
      operators: '',
      set_variables: 'new_favorite_color',
      set_variables_values: 'magenta',
    });
    expect(result).toEqual({
      ok: true,
      request: {
        form: 'audience',
        filter: { rules: [rule('customer.favorite_color', 'equals', 'red')] },
        setAttributes: { new_favorite_color: 'magenta' },
      },
    });
  });

  it('splits several filters and variables on semicolons, AND by default', () => {
    const result = parseLaunchPayload({
      fields: 'user_id;favorite_color',
      criteria: 'equals;equals',
      values: '3030391;red',
      set_variables: 'new_favorite_color;mood',
      set_variables_values: 'magenta;happy',
    });
    expect(result.ok && result.request).toEqual({
      form: 'audience',
      filter: {
        rules: [
          rule('customer.user_id', 'equals', '3030391'),
          rule('customer.favorite_color', 'equals', 'red'),
        ],
      },
      setAttributes: { new_favorite_color: 'magenta', mood: 'happy' },
    });
  });

  it('accepts comma-separated fields, OR operators and criteria written as words', () => {
    const result = parseLaunchPayload({
      fields: 'plan, favorite_color, age',
      criteria: 'Not Equals;starts_with;gt',
      values: 'free;re;30',
      operators: 'OR;and',
    });
    expect(result.ok && result.request.form === 'audience' && result.request.filter).toEqual({
      rules: [
        rule('customer.plan', 'not_equals', 'free'),
        rule('customer.favorite_color', 'starts_with', 're', 'or'),
        rule('customer.age', 'greater_than', '30'),
      ],
    });
  });

  it('keeps commas inside one value (an in_list) and needs no value for exists', () => {
    const result = parseLaunchPayload({
      fields: 'color;email',
      criteria: 'in_list;exists',
      values: 'red,blue;',
    });
    expect(result.ok && result.request.form === 'audience' && result.request.filter).toEqual({
      rules: [rule('customer.color', 'in_list', 'red,blue'), rule('customer.email', 'exists')],
    });
  });

  it.each([
    [{ fields: 'a;b', values: 'x' }, 'values', 'values has 1 entries for 2 fields'],
    [{ fields: 'a', criteria: 'looks_like', values: 'x' }, 'criteria', 'unknown criteria "looks_like"'],
    [{ fields: 'a;b', values: 'x;y', operators: 'XOR' }, 'operators', 'must be AND or OR'],
    [{ fields: 'a', criteria: 'equals' }, 'values', 'field "a" has no value'],
    [{ values: 'red' }, 'values', 'values given without fields'],
    [{ set_variables: 'a;b', set_variables_values: 'x' }, 'set_variables_values', 'one value per variable'],
    [{ set_variables: '__proto__', set_variables_values: 'x' }, 'set_variables', 'cannot be set'],
    [{ fields: 'a b', values: 'x' }, 'fields', 'dotted path'],
    [{ field: 'favorite_color' }, '(root)', 'unknown field "field"'],
    [{ fields: 42 }, 'fields', 'separated by ";"'],
    [[1, 2], '(root)', 'must be a JSON object'],
    [{ set_conversation: 'yes' }, 'set_conversation', 'must be true or false'],
  ])('refuses %j with a message on %s', (body, field, message) => {
    const result = parseLaunchPayload(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]!.field).toBe(field);
    expect(result.issues[0]!.message).toContain(message);
  });

  it('reads targets with flat or nested variables; a phone number is the id on whatsapp', () => {
    const result = parseLaunchPayload({
      targets: [
        { user_id: 'u-1', bot_channel: 'web', variables: { some_variable: 'x' } },
        {
          user_phone_number: '+393331234567',
          bot_channel: 'whatsapp',
          other_variable: 'some other test value',
        },
      ],
    });
    expect(result.ok && result.request.form === 'targets' && result.request.targets.map((t) => t.id)).toEqual(
      ['u-1', '+393331234567'],
    );
    expect(result.ok && result.request.form === 'targets' && result.request.targets[1]!.attributes).toEqual({
      user_phone_number: '+393331234567',
      bot_channel: 'whatsapp',
      other_variable: 'some other test value',
    });
  });

  it('refuses a target without an id, a phone-only target on web, and a repeated contact', () => {
    const result = parseLaunchPayload({
      targets: [
        { bot_channel: 'web' },
        { user_phone_number: '+1555', bot_channel: 'web' },
        { user_id: 'a' },
        { user_id: 'a' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.field)).toEqual(['targets[0]', 'targets[1]', 'targets[3]']);
  });

  it('reads set_conversation from the variables and ignores the audience', () => {
    const result = parseLaunchPayload({
      set_conversation: true,
      fields: 'ignored',
      values: 'x',
      set_variables: 'user_phone_number;bot_channel;first_name',
      set_variables_values: '+393331234567;whatsapp;Mario',
    });
    expect(result).toEqual({
      ok: true,
      request: {
        form: 'conversation',
        contact: {
          attributes: { user_phone_number: '+393331234567', bot_channel: 'whatsapp', first_name: 'Mario' },
          userId: null,
          phone: '+393331234567',
          channel: 'whatsapp',
        },
      },
    });
  });

  it('refuses set_conversation without user_id or user_phone_number', () => {
    const result = parseLaunchPayload({
      set_conversation: true,
      set_variables: 'name',
      set_variables_values: 'x',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toContain('user_id or user_phone_number');
  });
});
