import { describe, expect, it } from 'vitest';
import { createTemplateEngine } from '../../../engine/template/index.ts';

const engine = createTemplateEngine();
const render = (source: string, context: Record<string, unknown> = {}) =>
  engine.compile(source).render(context);

const customerTemplate = '{ "number": "{{ customer.phone }}" }';
const customers = ['+1', '+2', '+3'].map((phone) =>
  engine.compile(customerTemplate).render({ customer: { phone } }),
);

describe('batch root templates', () => {
  it('renders the seed’s CM Telecom root template with the output tag', () => {
    const root = [
      '{ "messages": { "msg": [ { "from": "SenderName", "to": [',
      "  {% output customers separated by ',\\n ' %}",
      '] } ] } }',
    ].join('\n');
    const body = render(root, { customers });
    expect(body).toContain('{ "number": "+1" },\n { "number": "+2" },\n { "number": "+3" }');
    expect(JSON.parse(body).messages.msg[0].to).toEqual([
      { number: '+1' },
      { number: '+2' },
      { number: '+3' },
    ]);
  });

  it('honours escape sequences in the separator and joins with a comma without one', () => {
    expect(render("{% output customers separated by '\\t|' %}", { customers: ['a', 'b'] })).toBe('a\t|b');
    expect(render('{% output customers separated by sep %}', { customers: ['a', 'b'], sep: ' ; ' })).toBe(
      'a ; b',
    );
    expect(render('[{% output customers %}]', { customers: ['a', 'b'] })).toBe('[a,b]');
  });

  it('writes nothing for an empty or missing list and JSON for items that are not text', () => {
    expect(render('[{% output customers %}]', { customers: [] })).toBe('[]');
    expect(render('[{% output nobody %}]')).toBe('[]');
    expect(render('[{% output customers %}]', { customers: [{ a: 1 }, 2] })).toBe('[{"a":1},2]');
  });

  it('reports a malformed output tag when the template is saved', () => {
    expect(engine.check('{% output customers separated "," %}')).toMatchObject({
      code: 'syntax',
      message: expect.stringMatching(/expected "by" after "separated"/),
    });
  });

  it('supports the other batch commands of the seed', () => {
    expect(render('{{ customers | join(",") }}', { customers })).toBe(customers.join(','));
    expect(render('{{ customers | length }}', { customers })).toBe('3');
    const names = ['{"name":"A"}', '{"name":"B"}'];
    const loop =
      '{% for item in customers %}{{ (item | from_json).name }}{% if not loop.last %},{% endif %}{% endfor %}';
    expect(render(loop, { customers: names })).toBe('A,B');
  });

  it('renders the seed’s multi-line loop layout', () => {
    const names = ['{"name":"A"}', '{"name":"B"}'];
    const source = [
      '{% for item in customers %}',
      '    {{ (item | from_json).name }}',
      '    {% if not loop.last %},{% endif %}',
      '{% endfor %}',
    ].join('\n');
    expect(render(source, { customers: names }).replace(/\s+/g, '')).toBe('A,B');
  });
});
