import { useSyncExternalStore } from 'react';

/** The pages of the app; the hash keeps them bookmarkable without server routes. */
export type Route =
  | { page: 'scenarios' }
  | { page: 'integrations' }
  | { page: 'throughput' }
  | { page: 'api-keys' }
  | { page: 'presets' }
  | { page: 'subscriptions' }
  | { page: 'subscription'; subscriptionId: string }
  | { page: 'endpoint-health' }
  | { page: 'customers' }
  | { page: 'editor'; scenarioId: string };

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

export function parseRoute(hash: string): Route {
  if (/^#\/settings\/integrations\b/.test(hash)) return { page: 'integrations' };
  if (/^#\/settings\/throughput\b/.test(hash)) return { page: 'throughput' };
  if (/^#\/settings\/api-keys\b/.test(hash)) return { page: 'api-keys' };
  if (/^#\/settings\/presets\b/.test(hash)) return { page: 'presets' };
  if (/^#\/settings\/endpoint-health\b/.test(hash)) return { page: 'endpoint-health' };
  const subscription = /^#\/settings\/subscriptions\/([^/?#]+)/.exec(hash);
  if (subscription?.[1]) return { page: 'subscription', subscriptionId: decodeURIComponent(subscription[1]) };
  if (/^#\/settings\/subscriptions\b/.test(hash)) return { page: 'subscriptions' };
  if (/^#\/settings\/customers\b/.test(hash)) return { page: 'customers' };
  const match = /^#\/scenarios\/([^/?#]+)/.exec(hash);
  return match?.[1] ? { page: 'editor', scenarioId: decodeURIComponent(match[1]) } : { page: 'scenarios' };
}

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseRoute(hash);
}

export function navigate(route: Route): void {
  window.location.hash =
    route.page === 'editor'
      ? `#/scenarios/${encodeURIComponent(route.scenarioId)}`
      : route.page === 'subscription'
        ? `#/settings/subscriptions/${encodeURIComponent(route.subscriptionId)}`
        : route.page === 'scenarios'
          ? '#/'
          : `#/settings/${route.page}`;
}
