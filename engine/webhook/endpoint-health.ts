/** How one closed webhook delivery ended. */
export interface EndpointOutcome {
  url: string;
  status: 'done' | 'failed';
  error: string | null;
  createdAt: string;
}

/** How the webhooks to one host are doing, over the deliveries looked at. */
export interface EndpointHealth {
  host: string;
  deliveries: number;
  succeeded: number;
  failed: number;
  /** succeeded / deliveries, 0 to 1. */
  successRate: number;
  /** Failed deliveries in a row, newest first, before the last success. */
  consecutiveFailures: number;
  lastError: string | null;
  lastFailureAt: string | null;
  lastSuccessAt: string | null;
  /** The editor warns about this host (webhooks are never disabled for it). */
  warning: boolean;
}

/** Failed deliveries in a row that raise the warning (as many as disable a subscription). */
export const WARN_AFTER_FAILURES = 10;
/** A success rate under this, over at least WARN_AFTER_FAILURES deliveries, raises it too. */
export const WARN_BELOW_RATE = 0.5;

/**
 * Sums closed deliveries, newest first, per host (`host:port` as the URL names it), busiest and
 * then worst first. A URL that does not parse counts under its own text.
 */
export function endpointHealth(outcomes: readonly EndpointOutcome[]): EndpointHealth[] {
  const hosts = new Map<string, EndpointHealth & { broken: boolean }>();
  for (const outcome of outcomes) {
    const host = endpointHostOf(outcome.url);
    let health = hosts.get(host);
    if (!health) {
      health = { ...empty(host), broken: true };
      hosts.set(host, health);
    }
    health.deliveries += 1;
    if (outcome.status === 'done') {
      health.succeeded += 1;
      health.broken = false;
      health.lastSuccessAt ??= outcome.createdAt;
      continue;
    }
    health.failed += 1;
    if (health.broken) health.consecutiveFailures += 1;
    health.lastError ??= outcome.error;
    health.lastFailureAt ??= outcome.createdAt;
  }
  return [...hosts.values()]
    .map(({ broken: _broken, ...health }) => {
      const successRate = health.succeeded / health.deliveries;
      const warning =
        health.consecutiveFailures >= WARN_AFTER_FAILURES ||
        (health.deliveries >= WARN_AFTER_FAILURES && successRate < WARN_BELOW_RATE);
      return { ...health, successRate, warning };
    })
    .sort((a, b) => Number(b.warning) - Number(a.warning) || b.deliveries - a.deliveries);
}

function empty(host: string): EndpointHealth {
  return {
    host,
    deliveries: 0,
    succeeded: 0,
    failed: 0,
    successRate: 0,
    consecutiveFailures: 0,
    lastError: null,
    lastFailureAt: null,
    lastSuccessAt: null,
    warning: false,
  };
}

/** The host a delivery to `url` is counted under: `host:port` as the URL names it, else the text. */
export function endpointHostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}
