import { describe, expect, it } from 'vitest';
import { createTemplateEngine } from '../../../engine/template/index.ts';

const engine = createTemplateEngine();
const render = (source: string, context: Record<string, unknown> = {}) =>
  engine.compile(source).render(context);

/**
 * How much longer checking `source(8n)` takes than `source(n)`: about 8 when parsing is linear,
 * about 64 when quadratic. Each is the fastest of three tries, so a busy machine's pauses do not
 * count; a ratio within one run does not depend on how fast the machine is.
 */
function growth(source: (n: number) => string, n: number): number {
  const fastest = (text: string) =>
    Math.min(
      ...[0, 1, 2].map(() => {
        const started = performance.now();
        engine.check(text);
        return performance.now() - started;
      }),
    );
  return fastest(source(8 * n)) / fastest(source(n));
}

describe('parsing', () => {
  it('trims whitespace where a tag asks for it with -', () => {
    expect(render('a  \n {%- if true -%} \n b \n {%- endif %}')).toBe('ab');
    expect(render('[ {{- 1 -}} ]|[ {#- note -#} ]')).toBe('[1]|[]');
  });

  it('keeps raw and verbatim blocks as text, nested ones included', () => {
    expect(
      render('{% raw %}{{ x }}{% raw %}in{% endraw %}{% endraw %}|{% verbatim %}{% y %}{% endverbatim %}'),
    ).toBe('{{ x }}{% raw %}in{% endraw %}|{% y %}');
  });

  it('refuses a raw block that is never closed instead of swallowing the rest', () => {
    expect(engine.check('ok\n{% raw %}{{ x }}')).toMatchObject({
      code: 'syntax',
      line: 2,
      message: expect.stringMatching(/\{% raw %\} is not closed by \{% endraw %\}/),
    });
  });

  it('parses crafted sources in linear time (Nunjucks’ own parser takes quadratic time on these)', () => {
    expect(growth((n) => `${' '.repeat(n)}x{%- if true %}{% endif %}`, 25_000)).toBeLessThan(24);
    expect(growth((n) => `{% raw %}${'{% '.repeat(n)}`, 12_500)).toBeLessThan(24);
  });
});
