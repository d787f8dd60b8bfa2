import { formatIssuePath } from '../validation/index.ts';
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

/** The headers an integration adds, and which of them carry a credential. */
export interface CredentialHeaders {
  headers: Record<string, string>;
  /**
   * Names (lower case) whose values are credentials: masked wherever a request is shown. The
   * Standard Webhooks headers are not among them, since a receiver needs them to debug verification.
   */
  secret: readonly string[];
}

const AUTHORIZATION = ['authorization'] as const;

/** The headers an integration adds to a request (the caller has checked the endpoint prefix). */
export function credentialHeaders(context: CredentialContext): CredentialHeaders {
  const { integration } = context;
  switch (integration.type) {
    case 'basic': {
      const pair = `${integration.username}:${integration.password}`;
      const value = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
      return { headers: { authorization: value }, secret: AUTHORIZATION };
    }
    case 'bearer':
      return { headers: { authorization: `Bearer ${integration.token}` }, secret: AUTHORIZATION };
    case 'headers':
      return {
        headers: Object.fromEntries(
          integration.headers.map((header) => [header.key.toLowerCase(), header.value]),
        ),
        secret: integration.headers
          .filter((header) => header.secret)
          .map((header) => header.key.toLowerCase()),
      };
    case 'signed':
      return {
        headers: signStandardWebhook({
          secret: integration.secret ?? '',
          id: context.id,
          timestampSeconds: context.nowSeconds,
          body: context.body,
        }),
        secret: [],
      };
    case 'oauth2':
      return context.accessToken
        ? { headers: { authorization: `Bearer ${context.accessToken}` }, secret: AUTHORIZATION }
        : { headers: {}, secret: [] };
  }
}

/**
 * Secret fields of a resolved integration that hold no value (written before empty secrets were
 * refused), named as the API names them. A request is never sent with an empty credential.
 */
export function missingSecrets(integration: IntegrationInput): string[] {
  switch (integration.type) {
    case 'basic':
      return integration.password ? [] : ['password'];
    case 'bearer':
      return integration.token ? [] : ['token'];
    case 'headers':
      return integration.headers.flatMap((header, index) =>
        header.secret && !header.value ? [formatIssuePath(['headers', index, 'value'])] : [],
      );
    case 'signed':
      return integration.secret ? [] : ['secret'];
    case 'oauth2':
      return integration.clientSecret ? [] : ['clientSecret'];
  }
}
