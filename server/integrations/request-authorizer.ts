import { credentialHeaders, isUnderPrefix } from '../../engine/integrations/index.ts';
import type { RenderedRequest } from '../../engine/webhook/index.ts';
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

/**
 * Attaches an integration's credentials to a rendered request at send time, only when the
 * request's URL lies under the integration's endpoint prefix. The stored request (and so the
 * run history) never contains them.
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

  async authorize(request: RenderedRequest, integrationId: string | null): Promise<RenderedRequest> {
    if (!integrationId) return request;
    const integration = await this.integrations.resolve(integrationId);
    if (!integration) throw new AuthorizationError(`integration "${integrationId}" no longer exists`);
    if (!isUnderPrefix(request.url, integration.endpointPrefix)) {
      throw new AuthorizationError(
        `${request.url} is outside the endpoint prefix ${integration.endpointPrefix} of integration "${integration.name}"; credentials were not sent`,
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
    const headers = credentialHeaders({
      integration,
      id: request.headers['webhook-id'] ?? '',
      body: request.body ?? '',
      nowSeconds: this.nowSeconds(),
      ...(accessToken ? { accessToken } : {}),
    });
    return { ...request, headers: { ...request.headers, ...headers } };
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
