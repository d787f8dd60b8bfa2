import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPES,
  PayloadTemplateError,
  checkPayloadTemplate,
  defaultPayload,
  defaultTemplate,
  eventProperties,
  renderPayload,
  sampleNotice,
  templateContext,
} from '../../../engine/subscriptions/index.ts';
import { createTemplateEngine } from '../../../engine/template/index.ts';

const json = createTemplateEngine({ output: 'json' });

describe('event payloads', () => {
  describe.each(EVENT_TYPES.map((info) => [info.type]))('%s', (type) => {
    it('has a default template that renders exactly the default payload', () => {
      const notice = sampleNotice(type);
      const rendered = renderPayload(json, defaultTemplate(type), templateContext(notice, null));
      expect(JSON.parse(rendered)).toEqual(defaultPayload(notice));
    });

    it('documents every property with a sample', () => {
      for (const property of eventProperties(type)) {
        expect(property.description.length).toBeGreaterThan(5);
        expect(property.sample).not.toBeUndefined();
      }
    });
  });

  it('is { event, time (UNIX seconds), properties } with null for every absent property', () => {
    const payload = defaultPayload({
      type: 'webhook.failed',
      at: Date.parse('2026-03-01T12:00:00.900Z'),
      properties: { run_id: 'run_1', status: 503 },
    });
    expect(payload).toEqual({
      event: 'webhook.failed',
      time: 1772366400,
      properties: {
        scenario_id: null,
        scenario_name: null,
        version: null,
        run_id: 'run_1',
        node_id: null,
        node_name: null,
        channel: null,
        customer_id: null,
        trigger_id: null,
        external_message_id: null,
        status: 503,
        error_message: null,
      },
    });
  });

  it('renders null for a custom template placeholder with no data', () => {
    const template =
      '{"id": {{ customer_id }}, "mail": {{ customer.email }}, "ext": {{ external_message_id }}}';
    const body = renderPayload(
      json,
      template,
      templateContext({ type: 'run.completed', at: 0, properties: {} }, null),
    );
    expect(JSON.parse(body)).toEqual({ id: null, mail: null, ext: null });
  });

  it('refuses a template whose sample render is not JSON, saying where in the output', () => {
    const error = checkPayloadTemplate(json, 'run.completed', '{\n  "id": "{{ run_id }}"\n}');
    expect(error).toBeInstanceOf(PayloadTemplateError);
    expect(error!.message).toMatch(/not valid JSON at line 2, column 11 of the output/);
    expect(error!.rendered).toBe('{\n  "id": ""run_0a1b2c""\n}');
  });

  it('refuses a template that does not compile, with its line and column', () => {
    const error = checkPayloadTemplate(json, 'run.completed', '{\n "a": {{ run_id | nope }}\n}');
    expect(error!.message).toMatch(/unknown filter "nope".*\(line 2, column \d+\)/);
    expect(error!.line).toBe(2);
  });

  it('accepts a template using placeholders, customer attributes and control flow', () => {
    const template = '{"who": {{ customer.first_name }}{% if status %}, "status": {{ status }}{% endif %}}';
    expect(checkPayloadTemplate(json, 'webhook.delivered', template)).toBeNull();
  });
});
