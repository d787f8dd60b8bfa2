import { describe, expect, it } from 'vitest';
import { createTemplateEngine } from '../../../engine/template/index.ts';

const json = createTemplateEngine({ output: 'json' });
const render = (source: string, context: Record<string, unknown> = {}) =>
  json.compile(source).render(context);

describe('JSON output (event subscription payloads)', () => {
  it('writes every {{ value }} as JSON, quoting and escaping text', () => {
    const context = { name: 'Ada "The Countess"', n: 3, ok: true, list: [1, 'two'], obj: { a: null } };
    expect(
      render(
        '{"name": {{ name }}, "n": {{ n }}, "ok": {{ ok }}, "list": {{ list }}, "obj": {{ obj }}}',
        context,
      ),
    ).toBe('{"name": "Ada \\"The Countess\\"", "n": 3, "ok": true, "list": [1,"two"], "obj": {"a":null}}');
  });

  it('writes null for a placeholder with no data, never "" or undefined', () => {
    const out = render('{"a": {{ missing }}, "b": {{ customer.email }}, "c": {{ nothing }}}', {
      nothing: null,
    });
    expect(JSON.parse(out)).toEqual({ a: null, b: null, c: null });
  });

  it('does not quote again what tojson already wrote, and writes | safe text as it is', () => {
    expect(
      render('{"a": {{ x | tojson }}, "b": {{ x | dump }}, "c": {{ "42" | safe }}}', { x: { k: 'v' } }),
    ).toBe('{"a": {"k":"v"}, "b": {"k":"v"}, "c": 42}');
  });

  it('builds text with ~ and writes it as one JSON string', () => {
    expect(render('{"greeting": {{ "Hello " ~ name }}}', { name: 'Ada' })).toBe('{"greeting": "Hello Ada"}');
  });

  it('leaves text output unchanged: the same template prints values bare', () => {
    const text = createTemplateEngine();
    expect(text.compile('{"a": "{{ name }}", "b": "{{ missing }}"}').render({ name: 'Ada' })).toBe(
      '{"a": "Ada", "b": ""}',
    );
  });
});
