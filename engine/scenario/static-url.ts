/**
 * The egress check a scenario's written-out hosts are judged by; the server passes the
 * `EgressPolicy` its webhooks are sent through (engine/webhook), so both say the same.
 */
export interface HostPolicy {
  /** Why a URL host (as `new URL().hostname` gives it) cannot be reached, or null: host names pass. */
  hostRefusal(hostname: string): string | null;
}

/** Template code: `{{ … }}`, `{% … %}` or `{# … #}`. */
const TEMPLATE = /\{[{%#]/;
const SCHEME = /^([A-Za-z][A-Za-z\d+.-]*):/;
/** Scheme, then `//` and the authority (user, host, port): up to the first `/`, `?` or `#` after it. */
const ORIGIN = /^[^/?#]*(?:\/\/[^/?#]*)?/;

/**
 * Why a webhook URL (its `[[ parameters ]]` already substituted) can never be called, or null.
 * Only what is written out is judged: a scheme that is not http or https; and when scheme, host
 * and port hold no template code, a URL that does not parse or an IP-literal host (in any
 * notation the URL parser normalises) that the egress policy refuses. A host a template writes,
 * or extends (`https://api.example.com{{ suffix }}`), is judged when a run renders it.
 */
export function staticUrlProblem(url: string, hosts: HostPolicy): string | null {
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return `only http and https URLs can be called, not ${scheme}:`;
  }
  const origin = ORIGIN.exec(url)?.[0] ?? '';
  if (TEMPLATE.test(origin)) return null;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return `"${url.slice(0, 200)}" is not an absolute URL: start it with https:// and a host`;
  }
  return hosts.hostRefusal(parsed.hostname);
}
