import { describe, expect, it } from 'vitest';
import { createTemplateEngine, TemplateError, webhookAccessor } from '../../../engine/template/index.ts';

const engine = createTemplateEngine({ limits: { timeoutMs: 200 } });
const CANARY = 'canary-7f3a9c';
process.env.HOOKFLOW_TEMPLATE_CANARY = CANARY;

const context = () => ({
  customer: { id: 'c1', name: 'Ada', tags: ['a', 'b'] },
  event: { type: 'signup', properties: { plan: 'pro' } },
  webhook: webhookAccessor([{ status: 200, headers: {}, data: '{"x":1}', json: { x: 1 } }]),
});

/** Public SSTI payloads for Nunjucks and Jinja, adapted; none may reach code, globals or files. */
const ESCAPES = [
  '{{ range.constructor("return process.env")() }}',
  '{{ range.constructor.constructor("return process")() }}',
  '{{ "".constructor.constructor("return process.env.HOOKFLOW_TEMPLATE_CANARY")() }}',
  '{{ customer.constructor.constructor("return process")() }}',
  '{{ customer.__proto__.constructor.constructor("return 1")() }}',
  '{{ customer["constructor"]["constructor"]("return process")() }}',
  '{% set k = "constr" + "uctor" %}{{ customer[k][k]("return process")() }}',
  '{% set k = "__pro" ~ "to__" %}{{ customer[k] }}',
  '{{ webhook.constructor("return process")() }}',
  '{{ webhook.call.constructor("return process")() }}',
  '{{ webhook.apply }}{{ webhook.bind }}',
  '{{ cycler.constructor("return process")() }}',
  '{{ joiner.constructor("return process")() }}',
  '{{ constructor.constructor("return process")() }}',
  '{{ process.env.HOOKFLOW_TEMPLATE_CANARY }}',
  '{{ global.process.env.HOOKFLOW_TEMPLATE_CANARY }}',
  '{{ globalThis.process }}',
  '{{ require("fs").readFileSync("/etc/passwd") }}',
  '{% include "/etc/passwd" %}',
  '{% import "/etc/passwd" as x %}',
  '{% extends "/etc/passwd" %}',
  '{% from "/etc/passwd" import x %}',
  '{{ customer.tags.constructor.constructor("return process")() }}',
  '{{ (customer.tags | first).constructor }}',
  '{{ customer.name.toString.call }}',
  '{{ "x".toString.constructor("return process")() }}',
  '{% for k, v in customer %}{{ v.constructor }}{% endfor %}',
  '{{ customer | sort(false, false, "constructor") | dump }}',
  '{{ customer.tags | groupby("constructor") | dump }}',
  '{{ customer.tags | selectattr("constructor") | dump }}',
  '{{ customer.tags | sum("constructor") }}',
  '{% macro m() %}{{ caller.constructor("return process")() }}{% endmacro %}{% call m() %}x{% endcall %}',
  '{{ loop.constructor }}',
  '{{ event.properties.__proto__ }}',
  '{{ "abc" | replace(r/(a+)+$/, "") }}',
  '{{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".split(r/(a+)+b/) }}',
];

describe('the template sandbox', () => {
  it.each(ESCAPES)('holds against %s', (source) => {
    let output: string;
    try {
      output = engine.compile(source).render(context());
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect(['forbidden', 'render', 'syntax', 'limit']).toContain((error as TemplateError).code);
      return;
    }
    expect(output).not.toContain(CANARY);
    expect(output).not.toMatch(/root:|\[object process\]|function Function|native code/);
  });

  it('still reads plain data, safe string methods and allow-listed array methods', () => {
    const output = engine
      .compile(
        '{{ customer.name.toUpperCase() }} {{ customer.tags.join("-") }} {{ customer.name.length }} {{ webhook.x }}',
      )
      .render(context());
    expect(output).toBe('ADA a-b 3 1');
  });

  it('refuses include, import and extend with a clear message', () => {
    expect(() => engine.compile('{% include "x.html" %}').render({})).toThrow(
      /cannot include, import or extend/,
    );
  });
});

describe('render limits', () => {
  const expectLimit = (source: string, pattern: RegExp) => {
    const render = () => engine.compile(source).render(context());
    expect(render).toThrow(TemplateError);
    try {
      render();
    } catch (error) {
      expect((error as TemplateError).code).toBe('limit');
      expect((error as Error).message).toMatch(pattern);
    }
  };

  it('stops a huge range', () => expectLimit('{% for i in range(100000000) %}{% endfor %}', /more than/));
  it('stops nested loops that add up', () =>
    expectLimit(
      '{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}',
      /loops more than/,
    ));
  it('stops runaway recursion', () =>
    expectLimit('{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}', /recurses|longer than|loops/));
  it('stops a string doubled in a loop', () =>
    expectLimit(
      '{% set s = "xxxxxxxxxx" %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}{{ s }}',
      /larger than/,
    ));
  it('stops amplification through replace', () =>
    expectLimit(
      '{% set s = "ab" %}{% for i in range(10) %}{% set s = s | replace("a", "aaaaaaaaaaaaaaaaaaaa") %}{% endfor %}{{ s }}',
      /too large|larger than/,
    ));
  it('stops huge widths in center and indent', () => expectLimit('{{ "x" | center(100000000) }}', /width/));
  it('stops literal text repeated beyond the size limit', () =>
    expectLimit('{% for i in range(90000) %}xxxxxxxxxxxxxxxxxxxx{% endfor %}', /larger than/));
  it('stops a render that runs too long', () => {
    const slow = createTemplateEngine({ limits: { timeoutMs: 20, maxLoopIterations: 10_000_000 } });
    expect(() =>
      slow
        .compile('{% for a in range(3000) %}{% for b in range(3000) %}{{ b }}{% endfor %}{% endfor %}')
        .render({}, { maxOutputBytes: 1e9 }),
    ).toThrow(/longer than 20 ms/);
  });

  it('keeps serving after a limit was hit', () => {
    expect(() => engine.compile('{% for i in range(100000000) %}{% endfor %}').render({})).toThrow();
    expect(engine.compile('{{ 1 + 1 }}').render({})).toBe('2');
  });
});
