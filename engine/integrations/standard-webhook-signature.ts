import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signature headers for one attempt: `webhook-signature` is
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the bytes of the `whsec_` secret.
 * Each attempt is signed anew (receivers reject old timestamps); the id stays the same.
 */
export function signStandardWebhook(options: {
  secret: string;
  id: string;
  timestampSeconds: number;
  body: string;
}): Record<string, string> {
  const key = Buffer.from(options.secret.replace(/^whsec_/, ''), 'base64');
  const content = `${options.id}.${options.timestampSeconds}.${options.body}`;
  const signature = createHmac('sha256', key).update(content).digest('base64');
  return {
    'webhook-id': options.id,
    'webhook-timestamp': String(options.timestampSeconds),
    'webhook-signature': `v1,${signature}`,
  };
}
