import { describe, expect, it } from 'vitest';
import {
  createTemplateEngine,
  extractParameters,
  missingParameters,
  ParameterError,
  substituteParameters,
  TemplateError,
  TemplateParameterSchema,
} from '../../../engine/template/index.ts';

const source =
  '{"to":"[[ phone ]]","n":[[ count : number = 3 ]],"c":"[[ tone : enum(red, blue) ]]","d":"[[ when:date ]]"}';

describe('extracting template parameters', () => {
  it('lists each parameter once with its type, options and default', () => {
    expect(extractParameters(source, '[[ phone ]]')).toEqual([
      { name: 'phone', type: 'string', options: [] },
      { name: 'count', type: 'number', options: [], default: '3' },
      { name: 'tone', type: 'enum', options: ['red', 'blue'] },
      { name: 'when', type: 'date', options: [] },
    ]);
  });

  it('reads every type, defaults with spaces and quoted enum options', () => {
    const all = extractParameters(
      '[[a:text]] [[b:number]] [[c:boolean=true]] [[d:date]] [[e:datetime]] [[f:color=#ff0000]] [[g:enum("x y", z)]] [[h = Hello, world]]',
    );
    expect(all.map((parameter) => `${parameter.name}:${parameter.type}`)).toEqual([
      'a:text',
      'b:number',
      'c:boolean',
      'd:date',
      'e:datetime',
      'f:color',
      'g:enum',
      'h:string',
    ]);
    expect(all.find((parameter) => parameter.name === 'g')?.options).toEqual(['x y', 'z']);
    expect(all.find((parameter) => parameter.name === 'h')?.default).toBe('Hello, world');
  });

  it('lets a parameter be typed once and referred to by name elsewhere', () => {
    expect(extractParameters('[[ n ]] and [[ n : number = 2 ]]')).toEqual([
      { name: 'n', type: 'number', options: [], default: '2' },
    ]);
  });

  it('refuses one name declared with two types, naming both', () => {
    const attempt = () => extractParameters('[[ a : number ]]', '[[ a : enum(x, y) ]]');
    expect(attempt).toThrow(ParameterError);
    expect(attempt).toThrow(TemplateError);
    expect(attempt).toThrow('parameter "a" is declared as number and as enum(x, y)');
  });

  it('refuses unknown types and enums without options', () => {
    expect(() => extractParameters('[[ a : money ]]')).toThrow(/unknown type "money"/);
    expect(() => extractParameters('[[ a : enum() ]]')).toThrow(/enum\(\) needs options/);
  });

  it('ignores nested JSON arrays that look like brackets', () => {
    expect(extractParameters('{"m": [[1, 2], [3]], "b": [[true]], "n": [[null]]}')).toEqual([]);
  });

  it('validates a parameter with the shared zod schema', () => {
    expect(TemplateParameterSchema.parse({ name: 'plan', type: 'enum', options: ['a'] })).toEqual({
      name: 'plan',
      type: 'enum',
      options: ['a'],
    });
    expect(TemplateParameterSchema.safeParse({ name: 'plan', type: 'enum' }).success).toBe(false);
    expect(TemplateParameterSchema.safeParse({ name: '1x', type: 'string' }).success).toBe(false);
    expect(TemplateParameterSchema.safeParse({ name: 'x', type: 'money' }).success).toBe(false);
  });
});

describe('substituting template parameters', () => {
  it('inserts values as raw text before rendering, falling back to defaults', () => {
    const filled = substituteParameters(source, {
      phone: '{{ customer.phone }}',
      tone: 'red',
      when: '2026-01-01',
    });
    expect(filled).toBe('{"to":"{{ customer.phone }}","n":3,"c":"red","d":"2026-01-01"}');
    const rendered = createTemplateEngine()
      .compile(filled)
      .render({ customer: { phone: '+1555' } });
    expect(JSON.parse(rendered)).toEqual({ to: '+1555', n: 3, c: 'red', d: '2026-01-01' });
  });

  it('writes numbers, booleans and objects as text, and nothing for a missing value', () => {
    expect(substituteParameters('[[a]]|[[b]]|[[c]]|[[d]]', { a: 2, b: false, c: { x: 1 } })).toBe(
      '2|false|{"x":1}|',
    );
    expect(substituteParameters('[[ a = fallback ]]', { a: '' })).toBe('fallback');
  });

  it('names required parameters that have no value', () => {
    expect(missingParameters(extractParameters(source), { phone: 'x' })).toEqual(['tone', 'when']);
  });
});
