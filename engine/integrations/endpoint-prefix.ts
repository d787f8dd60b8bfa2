/**
 * True when `url` is the prefix or lies under it: same scheme, host and port, and the prefix's
 * path segments start the URL's path — `/api/v1` covers `/api/v1/send` but not `/api/v10` or
 * `/api/v2`. Credentials are attached only then, so they never reach another host.
 */
export function isUnderPrefix(url: string, prefix: string): boolean {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(prefix);
  } catch {
    return false;
  }
  if (target.protocol !== base.protocol || target.host !== base.host) return false;
  const want = segments(base.pathname);
  const have = segments(target.pathname);
  return want.every((segment, index) => have[index] === segment);
}

function segments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment));
}

/**
 * The scheme, host and port an endpoint prefix sends credentials to, e.g.
 * `https://api.example.com` for `https://API.example.com:443/v1`; null when it is not a URL.
 */
export function prefixOrigin(prefix: string): string | null {
  return URL.canParse(prefix) ? new URL(prefix).origin : null;
}
