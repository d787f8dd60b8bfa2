/**
 * A contact a launch names (targets form, set_conversation): who it is and what to write on it.
 * The seed's contacts carry `user_id`, `user_phone_number` and `bot_channel`; on WhatsApp, SMS
 * and RCS the user id is the phone number.
 */
export interface LaunchContact {
  /** Variables written (merged) on the customer before the run; includes the three below. */
  attributes: Record<string, unknown>;
  userId: string | null;
  phone: string | null;
  channel: string | null;
}

/** Channels whose user id is the phone number. */
export const PHONE_CHANNELS: readonly string[] = ['whatsapp', 'sms', 'rcs'];

export const isPhoneChannel = (channel: string | null): boolean =>
  channel !== null && PHONE_CHANNELS.includes(channel.trim().toLowerCase());

/** Reads the seed's identity variables out of a contact's variables. */
export function toLaunchContact(attributes: Record<string, unknown>): LaunchContact {
  return {
    attributes,
    userId: textOf(attributes['user_id']),
    phone: textOf(attributes['user_phone_number']),
    channel: textOf(attributes['bot_channel']),
  };
}

/**
 * The customer id of a *targets* contact: its `user_id`, or its phone number where that is the
 * id (WhatsApp, SMS, RCS, or no channel given: an existing phone contact). Null when neither.
 */
export function targetId(contact: LaunchContact): string | null {
  if (contact.userId) return contact.userId;
  const phoneIsId = contact.channel === null || isPhoneChannel(contact.channel);
  return phoneIsId ? contact.phone : null;
}

/** Why a missing contact cannot be created, or null when it can (a channel is all that is left). */
export function creationProblem(contact: LaunchContact): string | null {
  return contact.channel ? null : 'creating a contact needs its bot_channel';
}

/**
 * The attributes a new contact starts with: its variables, plus the identity variables the
 * seed implies (`user_id` is the id; on phone channels the phone number is too).
 */
export function newContactAttributes(contact: LaunchContact, id: string): Record<string, unknown> {
  const phone = contact.phone ?? (isPhoneChannel(contact.channel) ? id : null);
  return {
    ...contact.attributes,
    user_id: contact.userId ?? id,
    ...(phone === null ? {} : { user_phone_number: phone }),
  };
}

function textOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
