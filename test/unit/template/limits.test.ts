import { describe, expect, it } from 'vitest';
import {
  createTemplateEngine,
  DEFAULT_LIMITS,
  TemplateError,
  type TemplateLimits,
} from '../../../engine/template/index.ts';

const engine = createTemplateEngine();

function limitHit(
  source: string,
  context: Record<string, unknown> = {},
  limits?: Partial<TemplateLimits>,
): TemplateError {
  try {
    // The other budgets are under test: a loaded machine must not hit the 250 ms one first.
    engine.compile(source).render(context, { timeoutMs: 30_000, ...limits });
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).code).toBe('limit');
    return error as TemplateError;
  }
  throw new Error(`expected a limit error from ${source}`);
}

const long = 'x'.repeat(100_000);
const lines = 'x\n'.repeat(20_000);

describe('render limits', () => {
  it('has sensible defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({
      timeoutMs: 250,
      maxOutputBytes: 1024 * 1024,
      maxLoopIterations: 100_000,
      maxCallDepth: 100,
    });
  });

  it('refuses a huge range before building it', () => {
    const error = limitHit('{% for i in range(1000000000) %}{% endfor %}');
    expect(error).toMatchObject({ limit: 'maxLoopIterations' });
    expect(error.message).toMatch(/range\(\) would have 1000000000 items/);
  });

  it('counts iterations over nested loops and over long lists', () => {
    const nested = limitHit('{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}');
    expect(nested).toMatchObject({ limit: 'maxLoopIterations', line: 1 });
    const list = Array.from({ length: 100_001 }, (_, index) => index);
    expect(limitHit('{% for c in list %}{% endfor %}', { list })).toMatchObject({
      limit: 'maxLoopIterations',
    });
  });

  it('stops recursive macros at the call depth limit', () => {
    const error = limitHit('{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}');
    expect(error).toMatchObject({ limit: 'maxCallDepth' });
    expect(error.message).toMatch(/recurses/);
  });

  it('turns a stack overflow into a limit error instead of crashing', () => {
    const error = limitHit(
      '{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}',
      {},
      { maxCallDepth: 1e9 },
    );
    expect(error).toMatchObject({ limit: 'maxCallDepth' });
    expect(engine.compile('{{ 1 + 1 }}').render({})).toBe('2');
  });

  it('refuses templates nested too deeply to compile', () => {
    const deep = `{{ ${'('.repeat(20_000)}1${')'.repeat(20_000)} }}`;
    expect(engine.check(deep)).toMatchObject({
      code: 'syntax',
      message: expect.stringMatching(/too deeply/),
    });
  });

  it('stops a string doubled in a loop, with ~ and with +', () => {
    expect(
      limitHit('{% set s = "x" %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}'),
    ).toMatchObject({
      limit: 'maxOutputBytes',
    });
    expect(
      limitHit('{% set s = "x" %}{% for i in range(40) %}{% set s = s + s %}{% endfor %}'),
    ).toMatchObject({
      limit: 'maxOutputBytes',
    });
  });

  it('stops a long run of small concatenations', () => {
    const source =
      '{% set s = "" %}{% for i in range(100000) %}{% set s = s ~ "0123456789abcdef" %}{% endfor %}';
    expect(limitHit(source)).toMatchObject({ limit: 'maxOutputBytes' });
  });

  it('stops output and literal text repeated past the size limit', () => {
    expect(limitHit('{% for i in range(90000) %}xxxxxxxxxxxxxxxxxxxx{% endfor %}')).toMatchObject({
      limit: 'maxOutputBytes',
    });
    expect(limitHit('{% for i in range(20) %}{{ long }}{% endfor %}', { long })).toMatchObject({
      limit: 'maxOutputBytes',
    });
  });

  it('refuses amplifying filters before they build their result', () => {
    const cases: [string, RegExp][] = [
      ['{{ "x" | center(1000000000) }}', /center\(\): a width of 1000000000/],
      ['{{ lines | indent(100) }}', /indent\(\): a width of 100 on 19999 lines/],
      ['{{ "a\\nb" | indent(1000000000) }}', /indent\(\): a width of 1000000000/],
      ['{{ long | replace("x", "yyyyyyyyyyyyyyyyyyyy") }}', /replace\(\): 100000 replacements/],
      ['{{ long | replace("", "----------") }}', /replace\(\)/],
      ['{{ long | wordwrap(1, true, "----------------") }}', /wordwrap\(\)/],
      ['{{ range(100000) | join(long) }}', /larger than/],
      ['{{ [long, long, long, long, long, long, long, long, long, long, long] }}', /larger than/],
      ['{{ [long] | batch(20, long) | dump }}', /larger than/],
      ['{{ [long] | slice(20, long) }}', /larger than/],
      ['{{ [long, long, long, long, long, long, long, long, long, long, long] | tojson }}', /larger than/],
      [
        '{{ [long, long, long, long, long, long, long, long, long, long, long] | sum(start="") }}',
        /larger than/,
      ],
      ['{{ long.replace("x", "yyyyyyyyyyyyyyyyyyyy") }}', /replace\(\)/],
      ['{{ range(100000) | batch(1000000000) }}', /batch\(\) would have/],
    ];
    for (const [source, message] of cases) expect(limitHit(source, { long, lines }).message).toMatch(message);
  });

  it('refuses %-formatting that would pad or repeat past the size limit, before padding', () => {
    const cases: [string, RegExp][] = [
      ['{{ "%999999999s" % "x" }}', /a % width of 999999999/],
      ['{{ "%-*d" % (999999999, 1) }}', /a % width of 999999999/],
      ['{{ "%.999999999d" % 1 }}', /a % precision of 999999999/],
      [
        '{{ "%s%s%s%s%s%s%s%s%s%s%s" | format(long, long, long, long, long, long, long, long, long, long, long) }}',
        /larger than/,
      ],
    ];
    for (const [source, message] of cases) expect(limitHit(source, { long }).message).toMatch(message);
    expect(() => engine.compile('{{ "%.101f" % 1 }}').render({})).toThrow(/at most 100 digits/);
  });

  it('stops lists doubled with + in a namespace', () => {
    const source =
      '{% set ns = namespace(l=[long]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}';
    expect(limitHit(source, { long })).toMatchObject({ limit: 'maxOutputBytes' });
  });

  it('stops a loop that slices a long list over and over at the time limit', () => {
    const list = Array.from({ length: 100_000 }, (_, index) => index);
    const source = '{% for i in range(100000) %}{% set r = list[::-1] %}{% endfor %}';
    expect(limitHit(source, { list }, { timeoutMs: 20 })).toMatchObject({ limit: 'timeoutMs' });
  });

  it('treats "x" * n as the number it is, not a repeated string', () => {
    expect(engine.compile('{{ "x" * 1000000000 }}').render({})).toBe('NaN');
  });

  it('stops a render that runs too long', () => {
    const source =
      '{% for a in range(3000) %}{% for b in range(3000) %}{% set c = b * 2 %}{% endfor %}{% endfor %}';
    const started = performance.now();
    const error = limitHit(source, {}, { timeoutMs: 20, maxLoopIterations: 1e9 });
    expect(error).toMatchObject({ limit: 'timeoutMs' });
    expect(error.message).toMatch(/longer than 20 ms/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('applies limits given for one render', () => {
    const template = engine.compile('{{ text }}');
    expect(() => template.render({ text: 'abcdef' }, { maxOutputBytes: 5 })).toThrow(TemplateError);
    expect(template.render({ text: 'abcdef' })).toBe('abcdef');
    const tight = createTemplateEngine({ limits: { maxLoopIterations: 3 } });
    expect(() => tight.compile('{% for i in range(4) %}{% endfor %}').render({})).toThrow(/more than the 3/);
  });

  it('measures the final output in UTF-8 bytes', () => {
    const template = engine.compile('{{ text }}');
    expect(template.render({ text: 'ééééé' }, { maxOutputBytes: 10 })).toBe('ééééé');
    expect(() => template.render({ text: 'éééééé' }, { maxOutputBytes: 10 })).toThrow(/larger than 10 bytes/);
  });

  it('keeps serving after a limit was hit', () => {
    limitHit('{% for i in range(1000000000) %}{% endfor %}');
    limitHit('{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}');
    expect(engine.compile('{% for i in range(3) %}{{ i }}{% endfor %}').render({})).toBe('012');
  });
});
