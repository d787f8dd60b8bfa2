import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { createTemplateEngine, TemplateError } from '../../../engine/template/index.ts';

const engine = createTemplateEngine();
const render = (source: string, context: Record<string, unknown> = {}) =>
  engine.compile(source).render(context);

const thrown = (action: () => unknown): TemplateError => {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error('expected a TemplateError');
};

describe('compiling and rendering', () => {
  it('renders a customer payload with JSON and XML special characters left as they are', () => {
    const customer = { phone: '+421900', name: 'Ann "A" <b> & co' };
    expect(
      render('{ "number": "{{ customer.phone }}", "name": {{ customer.name | tojson }} }', { customer }),
    ).toBe('{ "number": "+421900", "name": "Ann \\"A\\" <b> & co" }');
    expect(render('<n>{{ customer.name }}</n>', { customer })).toBe('<n>Ann "A" <b> & co</n>');
  });

  it('renders missing values as nothing instead of failing', () => {
    expect(render('[{{ customer.missing }}][{{ nothing.at.all }}][{{ none }}]', { customer: {} })).toBe(
      '[][][]',
    );
  });

  it('compiles a source once and reuses it', () => {
    const source = '{{ 1 + 2 }}';
    expect(engine.compile(source)).toBe(engine.compile(source));
    expect(engine.compile(source).render({})).toBe('3');
  });

  it('forgets the least recently used template when the cache is full', () => {
    const small = createTemplateEngine({ cacheSize: 2 });
    const first = small.compile('a');
    small.compile('b');
    small.compile('c');
    expect(small.compile('a')).not.toBe(first);
    expect(small.compile('a').render({})).toBe('a');
  });

  it('never modifies the context it is given', () => {
    const context = Object.freeze({ customer: Object.freeze({ name: 'Ann' }) });
    expect(render('{% set customer = "x" %}{% set y = 1 %}{{ customer }}{{ y }}', context)).toBe('x1');
    expect(context.customer.name).toBe('Ann');
  });

  it('supports macros, call blocks, set blocks, filter blocks, switch and raw', () => {
    const source = [
      '{% macro greet(name, greeting="Hi") %}{{ greeting }} {{ name }}{{ caller() if caller }}{% endmacro %}',
      '{{ greet("Ann") }}|{% call greet("Bob", greeting="Yo") %}!{% endcall %}|',
      '{% set block %}captured{% endset %}{{ block | upper }}|',
      '{% filter upper %}shout{% endfilter %}|',
      '{% switch x %}{% case 1 %}one{% case 2 %}two{% default %}many{% endswitch %}|',
      '{% raw %}{{ kept }}{% endraw %}',
    ].join('');
    expect(render(source, { x: 2 })).toBe('Hi Ann|Yo Bob!|CAPTURED|SHOUT|two|{{ kept }}');
  });

  it('supports Jinja-style string, list and dict methods on an allow-list', () => {
    const context = { s: ' Ab,c ', list: ['x', 'y'], dict: { k: 'v' } };
    expect(
      render('{{ s.strip().upper() }}|{{ s.split(",") | length }}|{{ s.startswith(" A") }}', context),
    ).toBe('AB,C|2|true');
    expect(render('{{ list.join("-") }}|{{ "y" in list }}|{{ list.index("y") }}', context)).toBe(
      'x-y|true|1',
    );
    expect(
      render(
        '{% for k, v in dict.items() %}{{ k }}={{ v }}{% endfor %}|{{ dict.get("z", "none") }}',
        context,
      ),
    ).toBe('k=v|none');
  });
});

describe('template errors', () => {
  it('reports a syntax error with its line and column', () => {
    const problem = engine.check('{\n  "a": {{ customer.id \n}');
    expect(problem).toBeInstanceOf(TemplateError);
    expect(problem).toMatchObject({ code: 'syntax', line: 3 });
    expect(problem?.message).toMatch(/expected variable end \(line 3, column \d+\)/);
  });

  it('returns null from check when the template is valid', () => {
    expect(engine.check('{% for c in customers %}{{ c }}{% endfor %}')).toBeNull();
  });

  it('reports an unknown filter or test when the template is saved, not when it is sent', () => {
    expect(engine.check('line 1\n{{ x | tojsn }}')).toMatchObject({
      code: 'syntax',
      line: 2,
      column: 8,
      message: 'unknown filter "tojsn" (line 2, column 8)',
    });
    expect(engine.check('{% if x is odder %}{% endif %}')).toMatchObject({ code: 'syntax' });
  });

  it('throws syntax errors from compile as TemplateError', () => {
    expect(thrown(() => engine.compile('{% if %}'))).toMatchObject({ code: 'syntax' });
    expect(thrown(() => engine.compile('{% nope %}')).message).toMatch(/unknown block tag: nope/);
  });

  it.each([
    ['{% include "part.json" %}', 'include'],
    ['{% import "macros.njk" as m %}', 'import'],
    ['{% from "macros.njk" import m %}', 'from … import'],
    ['{% extends "base.njk" %}', 'extends'],
  ])('refuses %s with a clear message', (source, tag) => {
    const problem = engine.check(source);
    expect(problem).toMatchObject({ code: 'forbidden', line: 1 });
    expect(problem?.message).toContain(`{% ${tag} %} is not available`);
  });

  it('refuses blocks and the async tags', () => {
    expect(engine.check('{% block b %}{% endblock %}')).toMatchObject({ code: 'syntax' });
    expect(engine.check('{% asyncEach x in y %}{% endeach %}')).toMatchObject({ code: 'syntax' });
  });

  it('locates an error raised while rendering', () => {
    const problem = thrown(() => render('ok\n  {{ s | from_json }}', { s: '{bad' }));
    expect(problem).toMatchObject({ code: 'render', line: 2 });
    expect(problem.message).toMatch(/^from_json: the value is not valid JSON/);
  });

  it('says what cannot be called', () => {
    expect(thrown(() => render('{{ customer.name() }}', { customer: { name: 'x' } }))).toMatchObject({
      code: 'render',
    });
    expect(thrown(() => render('{{ nothing() }}')).message).toMatch(
      /nothing is undefined, so it cannot be called/,
    );
  });
});

describe('the shared Nunjucks runtime', () => {
  it('is left untouched for other Nunjucks users in the process', () => {
    const before = { ...nunjucks.runtime };
    render('{{ customer.name | upper }}{% for i in range(3) %}{{ i }}{% endfor %}', {
      customer: { name: 'a' },
    });
    expect({ ...nunjucks.runtime }).toEqual(before);
    const stock = new nunjucks.Environment([], { autoescape: true });
    expect(stock.renderString('{{ x }}|{{ "a".toUpperCase() }}|{{ y.z }}', { x: '<b>', y: { z: 1 } })).toBe(
      '&lt;b&gt;|A|1',
    );
  });
});
