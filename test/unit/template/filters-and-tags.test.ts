import { describe, expect, it } from 'vitest';
import {
  createTemplateEngine,
  extractParameters,
  missingParameters,
  substituteParameters,
  TemplateError,
  webhookAccessor,
} from '../../../engine/template/index.ts';

const engine = createTemplateEngine();
const render = (source: string, context: Record<string, unknown> = {}) =>
  engine.compile(source).render(context);

describe('filters a Jinja user expects', () => {
  it('converts to and from JSON and escapes for JSON strings', () => {
    expect(render('{{ x | tojson }}|{{ x | to_json }}', { x: { a: [1, 'b'] } })).toBe(
      '{"a":[1,"b"]}|{"a":[1,"b"]}',
    );
    expect(render('{{ (s | from_json).name }}', { s: '{"name":"Ada"}' })).toBe('Ada');
    expect(render('"{{ s | json_escape }}"', { s: 'say "hi"\n\\' })).toBe('"say \\"hi\\"\\n\\\\"');
    expect(render('{{ x | dump }}', { x: [1] })).toBe('[1]');
  });

  it('says so when from_json gets invalid JSON', () => {
    expect(() => render('{{ "{oops" | from_json }}')).toThrow(/from_json: the value is not valid JSON/);
  });

  it('formats dates in UTC, encodes base64 and hashes', () => {
    expect(render('{{ d | date("%Y-%m-%dT%H:%M:%SZ") }}', { d: '2026-03-04T05:06:07+02:00' })).toBe(
      '2026-03-04T03:06:07Z',
    );
    expect(render('{{ "hi" | b64encode }} {{ "aGk=" | b64decode }}')).toBe('aGk= hi');
    expect(render('{{ "abc" | sha256 }}')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(render('{{ "a b&c" | urlencode }} {{ "7" | int + 1 }} {{ x | default("none") }}')).toBe(
      'a%20b%26c 8 none',
    );
  });

  it('reports a syntax error with line and column', () => {
    const problem = engine.check('{\n  "a": {{ customer.id \n}');
    expect(problem).toBeInstanceOf(TemplateError);
    expect(problem?.code).toBe('syntax');
    expect(problem?.line).toBe(3);
    expect(problem?.message).toMatch(/expected variable end \(line 3, column \d+\)/);
  });
});

describe('batch templates', () => {
  const customers = ['{ "number": "1", "name": "A" }', '{ "number": "2", "name": "B" }'];

  it('joins customers with the output tag and its separator', () => {
    expect(render("[{% output customers separated by ',\\n ' %}]", { customers })).toBe(
      `[${customers[0]},\n ${customers[1]}]`,
    );
    expect(render('[{% output customers %}]', { customers })).toBe(`[${customers.join(',')}]`);
  });

  it('supports join, length and from_json in loops', () => {
    expect(render('{{ customers | join(",") }}', { customers })).toBe(customers.join(','));
    expect(render('{{ customers | length }}', { customers })).toBe('2');
    expect(
      render(
        '{% for item in customers %}{{ (item | from_json).name }}{% if not loop.last %},{% endif %}{% endfor %}',
        {
          customers,
        },
      ),
    ).toBe('A,B');
  });
});

describe('webhook responses in templates', () => {
  const webhook = webhookAccessor([
    { status: 200, headers: { 'x-a': '1' }, data: '{"token":"t1"}', json: { token: 't1', status: 'ok' } },
    { status: 201, headers: {}, data: 'plain text' },
  ]);

  it('reads the last response, the nth one, status, headers and raw data', () => {
    expect(render('{{ webhook.status }} {{ webhook.data }}', { webhook })).toBe('201 plain text');
    expect(
      render('{{ webhook(1).token }} {{ webhook(1).status }} {{ webhook(1).headers["x-a"] }}', { webhook }),
    ).toBe('t1 200 1');
    expect(render('[{{ webhook(7).token }}]', { webhook })).toBe('[]');
  });
});

describe('template parameters', () => {
  const source =
    '{"to":"[[ phone ]]","n":[[ count : number = 3 ]],"c":"[[ tone : enum(red, blue) ]]","d":"[[ when:date ]]"}';

  it('lists each parameter once with its type, options and default', () => {
    expect(extractParameters(source, '[[ phone ]]')).toEqual([
      { name: 'phone', type: 'string', options: [] },
      { name: 'count', type: 'number', options: [], default: '3' },
      { name: 'tone', type: 'enum', options: ['red', 'blue'] },
      { name: 'when', type: 'date', options: [] },
    ]);
  });

  it('refuses unknown types and one name with two types', () => {
    expect(() => extractParameters('[[ a : money ]]')).toThrow(/unknown type "money"/);
    expect(() => extractParameters('[[ a : number ]] [[ a : date ]]')).toThrow(
      /declared as number and as date/,
    );
  });

  it('substitutes values before rendering, falling back to defaults', () => {
    const filled = substituteParameters(source, {
      phone: '{{ customer.phone }}',
      tone: 'red',
      when: '2026-01-01',
    });
    expect(filled).toBe('{"to":"{{ customer.phone }}","n":3,"c":"red","d":"2026-01-01"}');
    expect(render(filled, { customer: { phone: '+1555' } })).toContain('"to":"+1555"');
  });

  it('names required parameters that have no value', () => {
    expect(missingParameters(extractParameters(source), { phone: 'x' })).toEqual(['tone', 'when']);
  });
});
