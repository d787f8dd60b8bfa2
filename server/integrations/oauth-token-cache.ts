import type { HttpSender } from '../http/http-sender.ts';
import type { ResolvedIntegration } from './integration-service.ts';

type OAuthIntegration = Extract<ResolvedIntegration, { type: 'oauth2' }>;

/** Tokens are renewed this long before they expire, so a request never leaves with a dying one. */
const EARLY_RENEWAL_MS = 30_000;

/** Raised when the token endpoint does not hand out a token. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
}

/**
 * OAuth 2.0 client-credentials tokens, fetched from the integration's token URL through the same
 * guarded HTTP sender as webhooks, cached until shortly before they expire, and dropped on
 * demand (a 401 from the API) so the next request fetches a fresh one.
 */
export class OAuthTokenCache {
  private readonly sender: HttpSender;
  private readonly now: () => number;
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(options: { sender: HttpSender; now: () => number }) {
    this.sender = options.sender;
    this.now = options.now;
  }

  async token(integration: OAuthIntegration): Promise<string> {
    const cached = this.tokens.get(integration.id);
    if (cached && cached.expiresAt - EARLY_RENEWAL_MS > this.now()) return cached.token;
    // One fetch per integration at a time: concurrent deliveries share it.
    let fetching = this.pending.get(integration.id);
    if (!fetching) {
      fetching = this.fetch(integration).finally(() => this.pending.delete(integration.id));
      this.pending.set(integration.id, fetching);
    }
    return fetching;
  }

  invalidate(integrationId: string): void {
    this.tokens.delete(integrationId);
  }

  private async fetch(integration: OAuthIntegration): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: integration.clientId,
      client_secret: integration.clientSecret,
      ...(integration.scope ? { scope: integration.scope } : {}),
      ...(integration.audience ? { audience: integration.audience } : {}),
    });
    const result = await this.sender.send(
      {
        method: 'POST',
        url: integration.tokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      },
      10_000,
    );
    if (result.status !== 200) {
      throw new TokenError(
        `token endpoint answered ${result.status ?? result.error} for integration "${integration.name}"`,
      );
    }
    let parsed: { access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(result.body) as typeof parsed;
    } catch {
      throw new TokenError(`token endpoint of "${integration.name}" did not answer JSON`);
    }
    if (typeof parsed.access_token !== 'string') {
      throw new TokenError(`token endpoint of "${integration.name}" sent no access_token`);
    }
    const lifetime = typeof parsed.expires_in === 'number' ? parsed.expires_in * 1000 : 3600_000;
    this.tokens.set(integration.id, { token: parsed.access_token, expiresAt: this.now() + lifetime });
    return parsed.access_token;
  }
}
