import { z } from 'zod';
import { isWellFormedJson } from '../../engine/audience/index.ts';
import { jsonObject } from '../../engine/validation/index.ts';

const NOT_UNICODE = 'an unpaired UTF-16 surrogate, which is not Unicode text';

/**
 * A customer id: any text up to 200 characters, as sending systems name their contacts. On
 * WhatsApp, SMS and RCS the id is the phone number (as the seed's contacts are); elsewhere it is
 * the channel's user id. The same value usually sits in the `user_id` attribute.
 */
export const CustomerIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine(isWellFormedJson, `id has ${NOT_UNICODE}`)
  .describe('customer id; on WhatsApp, SMS and RCS the phone number, e.g. +33612345678');

/**
 * Free-form attributes: one JSON object. The seed's contacts carry `user_id`,
 * `user_phone_number` and `bot_channel` (whatsapp, sms, rcs, ...); these three are indexed for
 * audiences. Anything else (plan, favorite_color, nested objects, lists) is stored as given, up to
 * 32 levels deep and 64 KiB (`FREE_FORM_JSON`).
 */
export const CustomerAttributesSchema = attributesSchema({ subject: 'attributes' });

/** The attributes as a field of a larger value (an import line), whose path names them. */
export const CustomerAttributesField = attributesSchema({});

function attributesSchema(options: { subject?: string }) {
  return jsonObject('attributes', options)
    .refine(isWellFormedJson, `attributes contain ${NOT_UNICODE}`)
    .describe(
      'attributes, e.g. {"user_id":"+33612345678","user_phone_number":"+33612345678","bot_channel":"whatsapp"}',
    );
}
