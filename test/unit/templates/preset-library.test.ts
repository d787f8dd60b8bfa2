import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { LibraryPreset } from '../../../engine/presets/index.ts';
import { WebhookNodeSchema } from '../../../engine/scenario/index.ts';
import {
  createTemplateEngine,
  extractParameters,
  missingParameters,
} from '../../../engine/template/index.ts';
import { renderRequest } from '../../../engine/webhook/index.ts';
import { loadPresetLibrary } from '../../../server/presets/preset-library.ts';

const engine = createTemplateEngine();
const library = loadPresetLibrary();
const customer = {
  id: 'cust-1',
  email: 'ada@example.com',
  first_name: 'Ada "The Countess"',
  user_phone_number: '+447911123458',
  psid: '987654',
};
const context = {
  customer,
  event: {
    id: 'e1',
    type: 'order_shipped',
    timestamp: '2026-11-22T10:00:00Z',
    properties: { order_id: 'A-1' },
  },
  scenario: { id: 'scn', name: 'Library test', version: 1 },
  run: { id: 'run_1', startedAt: '2026-11-22T10:00:00Z' },
  webhook: () => undefined,
};

const nodeOf = (preset: LibraryPreset) =>
  WebhookNodeSchema.parse({
    id: preset.slug,
    type: 'webhook',
    config: { ...preset.webhook, parameters: preset.sample.parameters },
  });

describe('the template library', () => {
  it('ships the presets the product promises', () => {
    expect(library.map((preset) => preset.slug).sort()).toEqual([
      'chatbot-campaign-interaction',
      'cm-telecom-bulk-sms',
      'facebook-messenger-send',
      'freshdesk-ticket',
      'generic-json',
      'generic-xml',
      'hubspot-contact-upsert',
      'microsoft-teams',
      'segment-track',
      'sendgrid-mail-send',
      'slack-incoming-webhook',
      'twilio-sms',
      'whatsapp-cloud-template',
      'zapier-catch-hook',
    ]);
  });

  describe.each(library.map((preset) => [preset.slug, preset] as const))('%s', (_slug, preset) => {
    const sources = [
      preset.webhook.url,
      preset.webhook.body,
      ...preset.webhook.headers.map((header) => header.value),
    ];

    it('documents exactly the parameters its templates use', () => {
      expect(
        extractParameters(...sources)
          .map((parameter) => parameter.name)
          .sort(),
      ).toEqual(Object.keys(preset.parameters).sort());
    });

    it('has sample values for every required parameter', () => {
      expect(missingParameters(extractParameters(...sources), preset.sample.parameters)).toEqual([]);
    });

    it('renders a request whose body parses in its format', () => {
      if (preset.webhook.batch) {
        const customerTemplate = engine.compile(preset.webhook.batch.customerTemplate);
        for (const count of [1, 2, 1000]) {
          const customers = Array.from({ length: count }, (_, i) =>
            customerTemplate.render({
              ...context,
              customer: { ...customer, user_phone_number: `+4479111${i}` },
            }),
          );
          const request = renderRequest({
            node: nodeOf(preset),
            context: { ...context, customers },
            templates: engine,
          });
          const parsed = JSON.parse(request.body ?? '');
          expect(parsed.messages.msg[0].to).toHaveLength(count);
        }
        return;
      }
      const request = renderRequest({ node: nodeOf(preset), context, templates: engine });
      expect(request.url).toMatch(/^https:\/\//);
      if (preset.webhook.format === 'json') expect(() => JSON.parse(request.body ?? '')).not.toThrow();
      if (preset.webhook.format === 'xml') expect(XMLValidator.validate(request.body ?? '')).toBe(true);
      expect(request.body).not.toContain('[[');
    });
  });

  it('has the seed 002 campaign interaction: its fields, a UTC date with two decimals, null option and keyword off a menu', () => {
    const preset = library.find((candidate) => candidate.slug === 'chatbot-campaign-interaction')!;
    const event = {
      ...context.event,
      timestamp: '2026-03-04T05:06:07.891Z',
      properties: { response: 'Yes please', option: '2', keyword: 'RAFFLE' },
    };
    const request = renderRequest({
      node: nodeOf(preset),
      context: { ...context, event },
      templates: engine,
    });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://example.com/campaign-events');
    expect(request.headers).toMatchObject({ 'x-campaign-id': 'cmp-2026-spring' });
    expect(JSON.parse(request.body ?? '')).toEqual({
      campaignId: 'cmp-2026-spring',
      label: 'Welcome Message',
      phoneNumber: '+447911123458',
      date: '2026-03-04T05:06:07.89Z',
      response: 'Yes please',
      option: '2',
      keyword: 'RAFFLE',
    });
    const plain = renderRequest({
      node: nodeOf(preset),
      context: { ...context, event: { ...event, properties: { response: 'Hi' } } },
      templates: engine,
    });
    expect(JSON.parse(plain.body ?? '')).toMatchObject({ response: 'Hi', option: null, keyword: null });
    expect(preset.webhook.channel).toBe('chat');
  });
});
