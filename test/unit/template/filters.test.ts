import { describe, expect, it } from 'vitest';
import { createTemplateEngine, TemplateError } from '../../../engine/template/index.ts';

const engine = createTemplateEngine();
const render = (source: string, context: Record<string, unknown> = {}) =>
  engine.compile(source).render(context);

const people = [
  { name: 'bob', city: 'Oslo', age: 40, address: { zip: '2' } },
  { name: 'Ann', city: 'Bern', age: 30, address: { zip: '1' } },
  { name: 'cid', city: 'Oslo', age: 20, address: { zip: '3' } },
];

describe('JSON filters', () => {
  it('writes values as JSON, with undefined as null so the payload stays valid', () => {
    expect(render('{{ x | tojson }}|{{ x | to_json }}|{{ x | dump }}', { x: { a: [1, 'b'] } })).toBe(
      '{"a":[1,"b"]}|{"a":[1,"b"]}|{"a":[1,"b"]}',
    );
    expect(render('{{ missing | tojson }}|{{ "é\\n" | tojson }}|{{ 1.5 | tojson }}')).toBe('null|"é\\n"|1.5');
    expect(render('{{ x | tojson(2) }}', { x: { a: 1 } })).toBe('{\n  "a": 1\n}');
    expect(render('{{ ("a" | safe) | tojson }}')).toBe('"a"');
  });

  it('parses JSON text, and passes already parsed values through', () => {
    expect(
      render('{{ (s | from_json).name }}|{{ (o | from_json).name }}', {
        s: '{"name":"Ada"}',
        o: { name: 'Bo' },
      }),
    ).toBe('Ada|Bo');
  });

  it('says so when from_json gets text that is not JSON', () => {
    expect(() => render('{{ "{oops" | from_json }}')).toThrow(TemplateError);
    expect(() => render('{{ "{oops" | from_json }}')).toThrow(/from_json: the value is not valid JSON/);
  });

  it('escapes text for the inside of a JSON string, without the quotes', () => {
    expect(render('"{{ s | json_escape }}"', { s: 'say "hi"\n\\\t\u0001' })).toBe(
      '"say \\"hi\\"\\n\\\\\\t\\u0001"',
    );
    expect(JSON.parse(render('{"v": "{{ s | json_escape }}"}', { s: '"}' }))).toEqual({ v: '"}' });
  });
});

describe('encoding and hashing filters', () => {
  it('encodes and decodes base64 as UTF-8', () => {
    expect(
      render(
        '{{ "héllo" | b64encode }}|{{ "aMOpbGxv" | b64decode }}|{{ "aMOpbGxv" | b64encode | b64decode }}',
      ),
    ).toBe('aMOpbGxv|héllo|aMOpbGxv');
    expect(() => render('{{ "not base64!" | b64decode }}')).toThrow(/b64decode: the value is not base64/);
  });

  it('hashes with sha256 and md5 in hex', () => {
    expect(render('{{ "abc" | sha256 }}')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(render('{{ "abc" | md5 }}')).toBe('900150983cd24fb0d6963f7d28e17f72');
  });

  it('url-encodes text and key/value pairs', () => {
    expect(render('{{ "a b&c" | urlencode }}|{{ q | urlencode }}', { q: { k: 'v w', n: 1 } })).toBe(
      'a%20b%26c|k=v%20w&n=1',
    );
  });
});

describe('date filters', () => {
  it('formats ISO dates in UTC with strftime directives', () => {
    expect(render('{{ d | date("%Y-%m-%dT%H:%M:%SZ") }}', { d: '2026-03-04T05:06:07+02:00' })).toBe(
      '2026-03-04T03:06:07Z',
    );
    expect(render('{{ d | datetimeformat }}', { d: '2026-03-04T05:06:07.250Z' })).toBe(
      '2026-03-04T05:06:07Z',
    );
    expect(
      render('{{ d | datetimeformat("%d %b %Y, %I:%M %p, %A, day %j, %f") }}', {
        d: '2026-03-04T15:06:07.250Z',
      }),
    ).toBe('04 Mar 2026, 03:06 PM, Wednesday, day 063, 250000');
  });

  it('reads a date-time without an offset as UTC, and epoch seconds or milliseconds', () => {
    expect(render('{{ "2026-03-04 05:06" | date }}')).toBe('2026-03-04T05:06:00Z');
    expect(render('{{ 0 | date }}|{{ 1772600767 | date("%F %T") }}|{{ 1772600767000 | date("%F") }}')).toBe(
      '1970-01-01T00:00:00Z|2026-03-04 05:06:07|2026-03-04',
    );
  });

  it('renders nothing for a missing date and refuses text that is not a date', () => {
    expect(render('[{{ missing | date }}]')).toBe('[]');
    expect(() => render('{{ "someday" | date }}')).toThrow(/datetimeformat: "someday" is not a date/);
  });
});

describe('number and default filters', () => {
  it('converts and rounds numbers', () => {
    expect(
      render(
        '{{ "7" | int + 1 }}|{{ "x" | int(5) }}|{{ "2.5" | float * 2 }}|{{ 2.456 | round(2) }}|{{ 2.4 | round(0, "ceil") }}',
      ),
    ).toBe('8|5|5|2.46|3');
  });

  it('falls back to a default', () => {
    expect(
      render('{{ x | default("none") }}|{{ "" | default("empty", true) }}|{{ y | d("d") }}', { y: 0 }),
    ).toBe('none|empty|0');
  });
});

describe('list filters', () => {
  it('sorts, by attribute and keyword arguments too', () => {
    expect(
      render('{{ people | sort(attribute="name") | map(attribute="name") | join(",") }}', { people }),
    ).toBe('Ann,bob,cid');
    expect(
      render('{{ people | sort(true, attribute="age") | map(attribute="age") | join(",") }}', { people }),
    ).toBe('40,30,20');
    expect(
      render('{{ people | sort(attribute="address.zip") | map(attribute="name") | join }}', { people }),
    ).toBe('Annbobcid');
  });

  it('groups, selects and rejects by attribute', () => {
    expect(
      render('{% for city, list in people | groupby("city") %}{{ city }}:{{ list | length }};{% endfor %}', {
        people,
      }),
    ).toBe('Bern:1;Oslo:2;');
    expect(
      render('{{ people | selectattr("age", "gt", 25) | map(attribute="name") | join }}', { people }),
    ).toBe('bobAnn');
    expect(
      render('{{ people | rejectattr("age", "gt", 25) | map(attribute="name") | join }}', { people }),
    ).toBe('cid');
    expect(render('{{ [{"on": true}, {"on": false}] | selectattr("on") | length }}')).toBe('1');
  });

  it('maps attributes or filters, reads attributes, sums, dedupes and finds extremes', () => {
    expect(
      render(
        '{{ ["a", "b"] | map("upper") | join }}|{{ people | map(attribute="nope", default="-") | join }}',
        { people },
      ),
    ).toBe('AB|---');
    expect(
      render(
        '{{ people | first | attr("city") }}|{{ people | sum(attribute="age") }}|{{ [1, 2] | sum(start=10) }}',
        { people },
      ),
    ).toBe('Oslo|90|13');
    expect(
      render(
        '{{ ["a", "A", "b", "a"] | unique | join }}|{{ people | min(attribute="age") | attr("name") }}',
        { people },
      ),
    ).toBe('ab|cid');
    expect(render('{{ [3, 9, 1] | max }}|{{ [] | max }}')).toBe('9|');
  });

  it('joins, batches and slices', () => {
    expect(
      render('{{ people | join(", ", attribute="name") }}|{{ ["a", none, 1] | join("-") }}', { people }),
    ).toBe('bob, Ann, cid|a--1');
    expect(render('{{ [1, 2, 3] | batch(2, 0) | dump }}|{{ [1, 2, 3, 4] | slice(3) | dump }}')).toBe(
      '[[1,2],[3,0]]|[[1,2],[3],[4]]',
    );
  });

  it('keeps Nunjucks list basics', () => {
    expect(
      render(
        '{{ [3, 1] | first }}{{ [3, 1] | last }}{{ [1, 2] | length }}{{ "ab" | list | join("|") }}{{ [1, 2] | reverse | join }}',
      ),
    ).toBe('312a|b21');
    expect(
      render('{{ x | dictsort | dump }}|{{ [1, 2, 3] | select("odd") | join }}', { x: { b: 1, a: 2 } }),
    ).toBe('[["a",2],["b",1]]|13');
  });
});

describe('text filters', () => {
  it('changes case and trims, printing numbers first as Jinja does', () => {
    expect(
      render('{{ "hello world" | title }}|{{ "hELLO" | capitalize }}|{{ 5 | upper }}|{{ "  x " | trim }}'),
    ).toBe('Hello World|Hello|5|x');
  });

  it('replaces, centers, indents, truncates and wraps', () => {
    expect(
      render(
        '{{ "aXbXc" | replace("X", "-") }}|{{ "aXbXc" | replace("X", "-", 1) }}|{{ "ab" | replace("", ".") }}',
      ),
    ).toBe('a-b-c|a-bXc|.a.b.');
    expect(
      render('[{{ "ab" | center(6) }}]|{{ "a\\nb\\n\\nc" | indent(2) }}|{{ "a\\nb" | indent("> ", true) }}'),
    ).toBe('[  ab  ]|a\n  b\n\n  c|> a\n> b');
    expect(render('{{ "one two three" | truncate(7, true) }}|{{ "one two three four" | wordwrap(9) }}')).toBe(
      'one two...|one two\nthree\nfour',
    );
    expect(render('{{ "abcdefgh" | wordwrap(3, true, "|") }}')).toBe('abc|def|gh');
  });

  it('escapes for XML on request and counts words', () => {
    expect(render('<a>{{ s | escape }}</a>|{{ s | e }}|{{ "a b c" | wordcount }}', { s: '<&"\'>' })).toBe(
      '<a>&lt;&amp;&quot;&#39;&gt;</a>|&lt;&amp;&quot;&#39;&gt;|3',
    );
  });

  it('leaves out the HTML-only filters striptags and urlize', () => {
    expect(engine.check('{{ x | striptags }}')).toMatchObject({ code: 'syntax' });
    expect(engine.check('{{ x | urlize }}')).toMatchObject({ code: 'syntax' });
  });
});
