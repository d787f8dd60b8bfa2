import { describe, expect, it } from 'vitest';
import { createTemplateEngine } from '../../../engine/template/index.ts';

const engine = createTemplateEngine();
const render = (source: string, context: Record<string, unknown> = {}) =>
  engine.compile(source).render(context);

/** Milliseconds `check` takes on a source. */
function timeToCheck(source: string): number {
  const started = performance.now();
  engine.check(source);
  return performance.now() - started;
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
    expect(timeToCheck(`${' '.repeat(200_000)}x{%- if true %}{% endif %}`)).toBeLessThan(300);
    expect(timeToCheck(`{% raw %}${'{% '.repeat(100_000)}`)).toBeLessThan(300);
  });
});
