import { api } from './api-client.ts';

/** A launch hook of a saved scenario: the URL that starts runs of one `trigger.hook` node. */
export interface HookInfo {
  nodeId: string;
  /** `/hooks/<token>`, or absolute when the server knows its public address. */
  url: string;
  /** False while the scenario is not active: the URL then answers 404, like an unknown one. */
  enabled: boolean;
}

/** A fan-out's progress (`GET /api/fan-outs/:id`). */
export interface FanOutProgress {
  id: string;
  status: 'running' | 'done' | 'failed';
  started: number;
  /** Customers targeted; null while an audience is being counted. */
  audience: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** What a launch hook or schedule node is doing: a call waiting out its delay, its latest fan-out. */
export interface LaunchActivity {
  nodeId: string;
  pendingAt: string | null;
  fanOut: FanOutProgress | null;
}

const base = (scenarioId: string) => `/api/scenarios/${encodeURIComponent(scenarioId)}/hooks`;

/** Typed calls to the launch-hook endpoints of a scenario. */
export const hooksApi = {
  list: (scenarioId: string, signal?: AbortSignal) =>
    api<{ hooks: HookInfo[] }>('GET', base(scenarioId), { signal }),
  /** The server's time, and what each launching node of the scenario is doing. */
  launches: (scenarioId: string, signal?: AbortSignal) =>
    api<{ now: string; items: LaunchActivity[] }>(
      'GET',
      `/api/scenarios/${encodeURIComponent(scenarioId)}/launches`,
      { signal },
    ),
  /** Replaces the node's token: the old URL stops working at once. */
  rotate: (scenarioId: string, nodeId: string) =>
    api<unknown>('POST', `${base(scenarioId)}/${encodeURIComponent(nodeId)}/rotate`),
};
