import { describe, expect, it } from 'vitest';
import { createTemplateEngine, responseFields, webhookAccessor } from '../../../engine/template/index.ts';

const engine = createTemplateEngine();
const render = (source: string, context: Record<string, unknown> = {}) =>
  engine.compile(source).render(context);

const webhook = webhookAccessor([
  {
    status: 200,
    headers: { 'X-Token': 't', 'Content-Type': 'application/json' },
    data: '{"token":"t1","status":"queued","name":"first","items":[{"id":7}]}',
    json: { token: 't1', status: 'queued', name: 'first', items: [{ id: 7 }] },
  },
  { status: 201, headers: { 'content-type': 'text/plain' }, data: 'plain text' },
  {
    status: 202,
    headers: {},
    data: '{"name":"last","length":3,"call":"c","caller":"+1555","__proto__":{"x":1}}',
    json: JSON.parse('{"name":"last","length":3,"call":"c","caller":"+1555","__proto__":{"x":1}}'),
  },
]);

describe('the webhook accessor', () => {
  it('reads fields of the last response', () => {
    expect(
      render('{{ webhook.name }}|{{ webhook.length }}|{{ webhook.caller }}|{{ webhook.call }}', { webhook }),
    ).toBe('last|3|+1555|c');
  });

  it('reads the n-th response on the path, counting from 1', () => {
    expect(
      render('{{ webhook(1).token }}|{{ webhook(1).items[0].id }}|{{ webhook(2).data }}', { webhook }),
    ).toBe('t1|7|plain text');
  });

  it('gives the HTTP status, headers and raw text, which win over body fields of the same name', () => {
    expect(
      render('{{ webhook(1).status }}|{{ webhook(1).json.status }}|{{ webhook.status }}', { webhook }),
    ).toBe('200|queued|202');
    expect(
      render("{{ webhook(1).headers['content-type'] }}|{{ webhook(1).headers['x-token'] }}", { webhook }),
    ).toBe('application/json|t');
    expect(render('{{ webhook(2).headers["content-type"] }}|{{ webhook(1).data }}', { webhook })).toBe(
      'text/plain|{"token":"t1","status":"queued","name":"first","items":[{"id":7}]}',
    );
  });

  it('renders nothing for a position without a response', () => {
    expect(
      render(
        '[{{ webhook(4).token }}][{{ webhook(0).token }}][{{ webhook("x").token }}][{{ webhook(1.5) }}]',
        { webhook },
      ),
    ).toBe('[][][][]');
    expect(render('[{{ webhook.token }}][{{ webhook(1).token }}]', { webhook: webhookAccessor([]) })).toBe(
      '[][]',
    );
  });

  it('keeps a body field named __proto__ as plain data', () => {
    expect(render('{{ webhook.x }}|{{ webhook.json["x"] }}', { webhook })).toBe('|');
    expect(() => render('{{ webhook.__proto__ }}', { webhook })).toThrow(/cannot read "__proto__"/);
  });

  it('gives conditions the same fields as templates', () => {
    const fields = responseFields({
      status: 200,
      headers: { A: '1' },
      data: '{"ok":true}',
      json: { ok: true },
    });
    expect(fields).toEqual({
      ok: true,
      status: 200,
      headers: { a: '1' },
      data: '{"ok":true}',
      json: { ok: true },
    });
    expect(responseFields(undefined)).toBeUndefined();
  });
});
