import type { IntegrationType } from '../../../engine/integrations/integration-schema.ts';
import { api } from './api-client.ts';

/** An integration as the server returns it: secret fields hold the placeholder `••••••••`. */
export interface IntegrationRecord {
  id: string;
  name: string;
  type: IntegrationType;
  endpointPrefix: string;
  test?: { method: string; path: string };
  settings: Record<string, unknown>;
  /** Only in the create answer of a `signed` integration whose secret was generated. */
  secret?: string;
}

export interface IntegrationTestResult {
  ok: boolean;
  status?: number;
  error?: string;
}

const base = (id: string) => `/api/integrations/${encodeURIComponent(id)}`;

/** Typed calls to the authentication integration endpoints. */
export const integrationsApi = {
  list: () => api<{ items: IntegrationRecord[] }>('GET', '/api/integrations'),
  get: (id: string) => api<IntegrationRecord>('GET', base(id)),
  create: (input: Record<string, unknown>) =>
    api<IntegrationRecord>('POST', '/api/integrations', { body: input }),
  update: (id: string, input: Record<string, unknown>) =>
    api<IntegrationRecord>('PUT', base(id), { body: input }),
  remove: (id: string) => api<null>('DELETE', base(id)),
  test: (id: string) => api<IntegrationTestResult>('POST', `${base(id)}/test`),
};
