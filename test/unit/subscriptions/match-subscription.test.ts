import { describe, expect, it } from 'vitest';
import { SubscriptionInputSchema, matchSubscription } from '../../../engine/subscriptions/index.ts';

const subscription = (body: Record<string, unknown>) =>
  SubscriptionInputSchema.parse({ name: 's', url: 'https://x.test', ...body });

describe('which events a subscription receives', () => {
  it('takes only the ticked channels of webhook events', () => {
    const sub = subscription({ events: [{ type: 'webhook.delivered', channels: ['sms'] }] });
    const notice = (channel: string) => ({ type: 'webhook.delivered', at: 0, properties: { channel } });
    expect(matchSubscription(sub, notice('sms')).kind).toBe('send');
    expect(matchSubscription(sub, notice('email')).kind).toBe('ignore');
    expect(matchSubscription(sub, { ...notice('sms'), type: 'webhook.failed' }).kind).toBe('ignore');
  });

  it('takes every channel when none is chosen', () => {
    const sub = subscription({ events: [{ type: 'webhook.sent' }] });
    expect(matchSubscription(sub, { type: 'webhook.sent', at: 0, properties: { channel: 'crm' } }).kind).toBe(
      'send',
    );
  });

  it('narrows attribute changes to the chosen keys and drops excluded sources', () => {
    const sub = subscription({
      events: [{ type: 'customer.attributes_changed' }],
      settings: { attributeKeys: ['email_opt_in'], excludeSources: ['hook'] },
    });
    const changes = { email_opt_in: { old: true, new: false }, plan: { old: 'a', new: 'b' } };
    const notice = (source: string, changed: object) => ({
      type: 'customer.attributes_changed',
      at: 0,
      properties: { source, changes: changed },
    });
    const match = matchSubscription(sub, notice('api', changes));
    expect(match).toMatchObject({
      kind: 'send',
      properties: { changes: { email_opt_in: { old: true, new: false } } },
    });
    expect(matchSubscription(sub, notice('hook', changes)).kind).toBe('ignore');
    expect(matchSubscription(sub, notice('api', { plan: { old: 'a', new: 'b' } })).kind).toBe('ignore');
  });

  it('skips (and so counts) an event without external_message_id when it is required', () => {
    const sub = subscription({
      events: [{ type: 'run.completed' }],
      settings: { externalMessageIdRequired: true },
    });
    expect(matchSubscription(sub, { type: 'run.completed', at: 0, properties: {} }).kind).toBe('skip');
    expect(
      matchSubscription(sub, { type: 'run.completed', at: 0, properties: { external_message_id: '' } }).kind,
    ).toBe('skip');
    expect(
      matchSubscription(sub, { type: 'run.completed', at: 0, properties: { external_message_id: 'x' } }).kind,
    ).toBe('send');
  });

  it('refuses the same event type twice, naming the entry', () => {
    const parsed = SubscriptionInputSchema.safeParse({
      name: 's',
      url: 'https://x.test',
      events: [{ type: 'run.failed' }, { type: 'run.failed' }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({
      path: ['events', 1, 'type'],
      message: 'run.failed is listed twice',
    });
  });
});
