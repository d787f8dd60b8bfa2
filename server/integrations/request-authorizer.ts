import { credentialHeaders, isUnderPrefix, missingSecrets } from '../../engine/integrations/index.ts';
import type { RenderedRequest } from '../../engine/webhook/index.ts';
import { withStandardHeaders } from '../http/standard-headers.ts';
import type { IntegrationService } from './integration-service.ts';
import { type OAuthTokenCache, TokenError } from './oauth-token-cache.ts';

/** Why credentials could not be attached; the attempt fails without being sent. */
export class AuthorizationError extends Error {
  override readonly name = 'AuthorizationError';
  /** Worth retrying later (a token endpoint that failed), unlike a URL outside the prefix. */
  readonly retryable: boolean;

  constructor(message: string, retryable = false) {
    super(message);
    this.retryable = retryable;
  }
}

/** A request ready to leave, and which of its headers hold credentials (to mask where it is shown). */
export interface OutgoingRequest {
  request: RenderedRequest;
  secretHeaders: readonly string[];
}

/**
 * Turns a rendered request into the one that leaves: the standard headers every request carries,
 * then an integration's credentials, attached at send time and only when the request's URL lies
 * under the integration's endpoint prefix. The stored request (and so the run history) never
 * contains them. Every sender (delivery worker, webhook test, integration test) comes through here.
 */
export class RequestAuthorizer {
  private readonly integrations: IntegrationService;
  private readonly tokens: OAuthTokenCache;
  private readonly nowSeconds: () => number;

  constructor(options: { integrations: IntegrationService; tokens: OAuthTokenCache; now: () => number }) {
    this.integrations = options.integrations;
    this.tokens = options.tokens;
    this.nowSeconds = () => Math.floor(options.now() / 1000);
  }

  async authorize(
    rendered: RenderedRequest,
    options: { webhookId: string; integrationId: string | null },
  ): Promise<OutgoingRequest> {
    const request = withStandardHeaders(rendered, options.webhookId);
    if (!options.integrationId) return { request, secretHeaders: [] };
    const integration = await this.integrations.resolve(options.integrationId);
    if (!integration) throw new AuthorizationError(`integration "${options.integrationId}" no longer exists`);
    if (!isUnderPrefix(request.url, integration.endpointPrefix)) {
      throw new AuthorizationError(
        // Not the URL itself: its path may be a credential (a Slack webhook's is), and this reaches logs.
        `the request URL is outside the endpoint prefix ${integration.endpointPrefix} of integration "${integration.name}"; credentials were not sent`,
      );
    }
    const missing = missingSecrets(integration);
    if (missing.length > 0) {
      throw new AuthorizationError(
        `integration "${integration.name}" has no stored value for ${missing.join(', ')}; enter it again in the integration`,
      );
    }
    let accessToken: string | undefined;
    if (integration.type === 'oauth2') {
      try {
        accessToken = await this.tokens.token(integration);
      } catch (error) {
        if (error instanceof TokenError) throw new AuthorizationError(error.message, true);
        throw error;
      }
    }
    const credentials = credentialHeaders({
      integration,
      id: options.webhookId,
      body: request.body ?? '',
      nowSeconds: this.nowSeconds(),
      ...(accessToken ? { accessToken } : {}),
    });
    return {
      request: { ...request, headers: { ...request.headers, ...credentials.headers } },
      secretHeaders: credentials.secret,
    };
  }

  /** After a 401: forget a cached OAuth token so the retry fetches a new one. Returns whether it helps. */
  async refreshAfterUnauthorized(integrationId: string | null): Promise<boolean> {
    if (!integrationId) return false;
    const integration = await this.integrations.resolve(integrationId);
    if (integration?.type !== 'oauth2') return false;
    this.tokens.invalidate(integration.id);
    return true;
  }
}
