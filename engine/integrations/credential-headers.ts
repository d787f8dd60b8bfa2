import type { IntegrationInput } from './integration-schema.ts';
import { signStandardWebhook } from './standard-webhook-signature.ts';

/** What a request needs from its integration at send time (secrets already decrypted). */
export interface CredentialContext {
  integration: IntegrationInput;
  /** The request's stable `webhook-id`. */
  id: string;
  body: string;
  nowSeconds: number;
  /** A current OAuth 2.0 access token, for oauth2 integrations. */
  accessToken?: string;
}

/** The headers an integration adds to a request (the caller has checked the endpoint prefix). */
export function credentialHeaders(context: CredentialContext): Record<string, string> {
  const { integration } = context;
  switch (integration.type) {
    case 'basic': {
      const pair = `${integration.username}:${integration.password}`;
      return { authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` };
    }
    case 'bearer':
      return { authorization: `Bearer ${integration.token}` };
    case 'headers':
      return Object.fromEntries(
        integration.headers.map((header) => [header.key.toLowerCase(), header.value]),
      );
    case 'signed':
      return signStandardWebhook({
        secret: integration.secret ?? '',
        id: context.id,
        timestampSeconds: context.nowSeconds,
        body: context.body,
      });
    case 'oauth2':
      return context.accessToken ? { authorization: `Bearer ${context.accessToken}` } : {};
  }
}
