import { describe, expect, it } from 'vitest';
import { createTemplateEngine } from '../../../engine/template/index.ts';

describe('syntax error positions', () => {
  const engine = createTemplateEngine();

  it('points at the end of the text when a tag is left open there', () => {
    const problem = engine.check('{\n  "a": {{ customer.id ');
    expect(problem).toMatchObject({ code: 'syntax', line: 2, column: 23 });
    expect(problem?.message).toMatch(/at the end of the template \(line 2, column 23\)$/);
    expect(engine.check('{% if x %}abc')).toMatchObject({ line: 1, column: 14 });
  });

  it('keeps the parser position when it has one', () => {
    expect(engine.check('{\n"a": {{ x \n}')).toMatchObject({ line: 3, column: 1 });
  });
});
