export * from './integration-schema.ts';
export { isUnderPrefix, prefixOrigin } from './endpoint-prefix.ts';
export { signStandardWebhook } from './standard-webhook-signature.ts';
export {
  credentialHeaders,
  missingSecrets,
  type CredentialContext,
  type CredentialHeaders,
} from './credential-headers.ts';
