import { TriangleAlert } from 'lucide-react';
import { endpointHostOf } from '../../../engine/webhook/endpoint-health.ts';
import { endpointHealthApi } from '../api/endpoint-health-api.ts';
import { useCached } from '../suggestions/use-cached.ts';

/**
 * Under a webhook's URL: the endpoint health page's warning for its host, when there is one. A
 * host written as a template cannot be known before rendering, so it gets none.
 */
export function HostHealthWarning({ url }: { url: string }) {
  const host = url.includes('{') || !URL.canParse(url) ? null : endpointHostOf(url);
  // One report serves every webhook node opened within the cache's lifetime.
  const report = useCached(host ? 'endpoint-health' : null, () => endpointHealthApi.get());
  const health = host
    ? report?.hosts.find((candidate) => candidate.host === host && candidate.warning)
    : null;
  if (!health) return null;
  return (
    <p className="host-warning small" role="status" data-testid="host-health-warning">
      <TriangleAlert size={14} aria-hidden />
      <span>
        {health.host} is failing: {health.consecutiveFailures} failures in a row,{' '}
        {Math.round(health.successRate * 100)}
        {'\u00a0'}% delivered in the last 24 h{health.lastError ? ` (last: ${health.lastError})` : ''}.
        Webhooks to it are still sent; see <a href="#/settings/endpoint-health">Endpoint health</a>.
      </span>
    </p>
  );
}
