/**
 * The channel a webhook node sends on: its preset's channel (the SMS presets are `sms`, the mail
 * presets `email`…), else `webhook`. Event subscriptions filter webhook events by it.
 */
export const CHANNELS = ['sms', 'whatsapp', 'rcs', 'email', 'push', 'chat', 'crm', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];
