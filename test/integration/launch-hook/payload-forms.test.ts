import { describe, expect, it } from 'vitest';
import { serverWithSink } from '../helpers/test-server.ts';
import { activeHook, callHook, putCustomers, sentBodies } from './launch-hook-helpers.ts';

/**
 * Two red customers, one blue: the seed's favorite_color example. The red ones were made by id
 * alone (no user_id attribute): their user_id is their id.
 */
const PALETTE = {
  '3030391': { favorite_color: 'red', bot_channel: 'web' },
  '4040402': { favorite_color: 'red', bot_channel: 'web' },
  '5050503': { user_id: '5050503', favorite_color: 'blue', bot_channel: 'web' },
};

describe('launch hook payload forms', () => {
  const context = serverWithSink();

  it('GET launches the configured audience and answers { scheduled, sendAt }', async () => {
    const { server, sink } = context;
    await putCustomers(server, PALETTE);
    const audience = { rules: [{ field: 'customer.favorite_color', criteria: 'equals', value: 'blue' }] };
    const { url } = await activeHook(server, sink.url, { audience });

    const called = await callHook(url);

    expect(called.status).toBe(200);
    expect(called.body).toEqual({ scheduled: true, sendAt: expect.any(String) });
    await sink.waitFor(1);
    expect(sentBodies(sink.received)).toMatchObject([{ id: '5050503', color: 'blue' }]);
  });

  it("POST audience and values: the seed's red → magenta example targets the red customers and sets the variable", async () => {
    const { server, sink } = context;
    await putCustomers(server, PALETTE);
    const { url } = await activeHook(server, sink.url);

    const called = await callHook(url, {
      fields: 'favorite_color',
      criteria: 'equals',
      values: 'red',
      operators: '',
      set_variables: 'new_favorite_color',
      set_variables_values: 'magenta',
    });

    expect(called.status).toBe(200);
    await sink.waitFor(2);
    expect(sentBodies(sink.received)).toMatchObject([
      { id: '3030391', color: 'red', new_color: 'magenta' },
      { id: '4040402', color: 'red', new_color: 'magenta' },
    ]);
    const stored = await server.api('GET', '/api/customers/3030391');
    expect(stored.body.attributes).toMatchObject({ favorite_color: 'red', new_favorite_color: 'magenta' });
    const blue = await server.api('GET', '/api/customers/5050503');
    expect(blue.body.attributes).not.toHaveProperty('new_favorite_color');
  });

  it("POST audience and values with two filters joined by AND and several variables: the seed's user_id 3030391 is the customer's id", async () => {
    const { server, sink } = context;
    await putCustomers(server, PALETTE);
    const { url } = await activeHook(server, sink.url);

    const called = await callHook(url, {
      fields: 'user_id;favorite_color',
      criteria: 'equals;equals',
      values: '3030391;red',
      set_variables: 'new_favorite_color;other_variable',
      set_variables_values: 'magenta;chosen',
    });

    expect(called.status).toBe(200);
    await sink.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentBodies(sink.received)).toEqual([
      { id: '3030391', color: 'red', new_color: 'magenta', channel: 'web', phone: '', note: 'chosen' },
    ]);
  });

  it('POST targets: an existing contact gets its variables, new ones are created (a phone number is the id on WhatsApp)', async () => {
    const { server, sink } = context;
    await putCustomers(server, { 'u-1': { user_id: 'u-1', bot_channel: 'web', favorite_color: 'red' } });
    const { url } = await activeHook(server, sink.url);

    const called = await callHook(url, {
      targets: [
        { user_id: 'u-1', other_variable: 'some test value' },
        {
          user_phone_number: '+393331234567',
          bot_channel: 'whatsapp',
          other_variable: 'some other test value',
        },
        { user_id: 'web-7', variables: { bot_channel: 'web', favorite_color: 'green' } },
      ],
    });

    expect(called.status).toBe(200);
    await sink.waitFor(3);
    expect(sentBodies(sink.received)).toEqual([
      {
        id: '+393331234567',
        color: '',
        new_color: '',
        channel: 'whatsapp',
        phone: '+393331234567',
        note: 'some other test value',
      },
      { id: 'u-1', color: 'red', new_color: '', channel: 'web', phone: '', note: 'some test value' },
      { id: 'web-7', color: 'green', new_color: '', channel: 'web', phone: '', note: '' },
    ]);
    const created = await server.api('GET', `/api/customers/${encodeURIComponent('+393331234567')}`);
    expect(created.body.attributes).toEqual({
      user_id: '+393331234567',
      user_phone_number: '+393331234567',
      bot_channel: 'whatsapp',
      other_variable: 'some other test value',
    });
  });

  it('POST set_conversation finds the contact by user_id and ignores the audience fields', async () => {
    const { server, sink } = context;
    await putCustomers(server, PALETTE);
    const { url } = await activeHook(server, sink.url);

    const called = await callHook(url, {
      set_conversation: true,
      fields: 'favorite_color',
      values: 'red',
      set_variables: 'user_id;new_favorite_color',
      set_variables_values: '5050503;magenta',
    });

    expect(called.status).toBe(200);
    await sink.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentBodies(sink.received)).toMatchObject([{ id: '5050503', color: 'blue', new_color: 'magenta' }]);
  });

  it('POST set_conversation finds an existing contact by its phone number attribute when no user_id is given', async () => {
    const { server, sink } = context;
    await putCustomers(server, {
      'tg-9': { user_id: 'tg-9', user_phone_number: '+15550001', bot_channel: 'telegram' },
    });
    const { url } = await activeHook(server, sink.url);

    const called = await callHook(url, {
      set_conversation: true,
      set_variables: 'user_phone_number;other_variable',
      set_variables_values: '+15550001;found by phone',
    });

    expect(called.status).toBe(200);
    await sink.waitFor(1);
    expect(sentBodies(sink.received)).toMatchObject([
      { id: 'tg-9', channel: 'telegram', note: 'found by phone' },
    ]);
  });

  it('POST set_conversation creates the contact from its variables when none matches', async () => {
    const { server, sink } = context;
    const { url } = await activeHook(server, sink.url);

    const called = await callHook(url, {
      set_conversation: true,
      set_variables: 'user_phone_number;bot_channel;other_variable',
      set_variables_values: '+393339999999;sms;brand new',
    });

    expect(called.status).toBe(200);
    await sink.waitFor(1);
    expect(sentBodies(sink.received)).toMatchObject([
      { id: '+393339999999', channel: 'sms', phone: '+393339999999', note: 'brand new' },
    ]);
  });
});
