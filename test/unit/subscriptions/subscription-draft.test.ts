import { describe, expect, it } from 'vitest';
import { defaultTemplate } from '../../../engine/subscriptions/index.ts';
import {
  emptySubscription,
  setTemplate,
  toggleChannel,
  toggleEvent,
} from '../../../editor/src/subscriptions/subscription-draft.ts';

describe("the subscription editor's draft", () => {
  it('ticks a webhook event with every channel and keeps the channels in catalogue order', () => {
    const ticked = toggleEvent(emptySubscription(), 'webhook.failed', true);
    expect(ticked.events).toEqual([
      {
        type: 'webhook.failed',
        channels: ['sms', 'whatsapp', 'rcs', 'email', 'push', 'chat', 'crm', 'webhook'],
      },
    ]);
    const narrowed = toggleChannel(ticked, { type: 'webhook.failed', channel: 'sms' }, false);
    const back = toggleChannel(narrowed, { type: 'webhook.failed', channel: 'sms' }, true);
    expect(narrowed.events[0]!.channels).not.toContain('sms');
    expect(back.events[0]!.channels[0]).toBe('sms');
    expect(toggleEvent(back, 'webhook.failed', false).events).toEqual([]);
  });

  it('keeps no template when the text is the default payload or empty, so Reset and an undone edit mean default', () => {
    const ticked = toggleEvent(emptySubscription(), 'run.completed', true);
    const custom = setTemplate(ticked, 'run.completed', '{"run": {{ run_id }}}');
    expect(custom.events[0]!.template).toBe('{"run": {{ run_id }}}');
    for (const text of [defaultTemplate('run.completed'), '  ', undefined])
      expect(setTemplate(custom, 'run.completed', text).events[0]).not.toHaveProperty('template');
  });

  it('starts a new subscription empty, with the settings the server would fill in', () => {
    expect(emptySubscription()).toMatchObject({
      name: '',
      url: '',
      integrationId: null,
      events: [],
      enabled: true,
      settings: { externalMessageIdRequired: false, timeoutMs: 5000, flushSeconds: 0 },
    });
  });
});
