import type {
  DraftDefinition,
  Scenario,
  ScenarioVersion,
  ValidationIssue,
} from '../../../engine/scenario/index.ts';
import { api } from './api-client.ts';
import type { DeliveryView, NodeRunItem, ScenarioStats, WebhookTestResult } from './api-types.ts';

const base = (id: string) => `/api/scenarios/${encodeURIComponent(id)}`;

/** Typed calls to the scenario endpoints; each mirrors one route of the server. */
export const scenariosApi = {
  list: () => api<{ items: Scenario[] }>('GET', '/api/scenarios?limit=500'),
  get: (id: string) => api<Scenario>('GET', base(id)),
  create: (input: { name: string; description?: string; definition?: DraftDefinition }) =>
    api<Scenario>('POST', '/api/scenarios', { body: input }),
  update: (
    id: string,
    patch: { name?: string; description?: string; definition?: DraftDefinition },
    keepalive = false,
  ) => api<Scenario>('PATCH', base(id), { body: patch, keepalive }),
  remove: (id: string) => api<null>('DELETE', base(id)),
  /** `unchanged`: the draft ran the same as the last version, which is live again; no new version. */
  activate: (id: string) =>
    api<{ scenario: Scenario; version: ScenarioVersion; unchanged: boolean }>('POST', `${base(id)}/activate`),
  deactivate: (id: string) => api<Scenario>('POST', `${base(id)}/deactivate`),
  versions: (id: string) => api<{ items: ScenarioVersion[] }>('GET', `${base(id)}/versions`),
  version: (id: string, version: number) => api<ScenarioVersion>('GET', `${base(id)}/versions/${version}`),
  validate: (definition: unknown) =>
    api<{ ok: boolean; issues: ValidationIssue[] }>('POST', '/api/scenarios/validate', { body: definition }),
  /** Per-node counts of one version, or of every version together (null). */
  stats: (id: string, version: number | null) =>
    api<ScenarioStats>('GET', `${base(id)}/stats${version === null ? '' : `?version=${version}`}`),
  nodeRuns: (id: string, nodeId: string, version: number | null) =>
    api<{ items: NodeRunItem[] }>(
      'GET',
      `${base(id)}/nodes/${encodeURIComponent(nodeId)}/runs?limit=20${version === null ? '' : `&version=${version}`}`,
    ),
  delivery: (id: string) => api<DeliveryView>('GET', `/api/deliveries/${encodeURIComponent(id)}`),
  testWebhook: (body: { node: unknown; sample?: unknown; send?: boolean }) =>
    api<WebhookTestResult>('POST', '/api/webhooks/test', { body }),
};
