import { api } from './api-client.ts';

/** A launch hook of a saved scenario: the URL that starts runs of one `trigger.hook` node. */
export interface HookInfo {
  nodeId: string;
  /** `/hooks/<token>`, or absolute when the server knows its public address. */
  url: string;
  /** False while the scenario is not active: the URL then answers 404, like an unknown one. */
  enabled: boolean;
}

const base = (scenarioId: string) => `/api/scenarios/${encodeURIComponent(scenarioId)}/hooks`;

/** Typed calls to the launch-hook endpoints of a scenario. */
export const hooksApi = {
  list: (scenarioId: string, signal?: AbortSignal) =>
    api<{ hooks: HookInfo[] }>('GET', base(scenarioId), { signal }),
  /** Replaces the node's token: the old URL stops working at once. */
  rotate: (scenarioId: string, nodeId: string) =>
    api<unknown>('POST', `${base(scenarioId)}/${encodeURIComponent(nodeId)}/rotate`),
};
