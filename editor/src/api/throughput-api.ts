import type { ThroughputPolicyInput } from '../../../engine/throughput/throughput-policy-schema.ts';
import { api } from './api-client.ts';

/** A throughput policy as the server stores it. */
export interface ThroughputPolicyRecord extends ThroughputPolicyInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

const base = (id: string) => `/api/throughput-policies/${encodeURIComponent(id)}`;

/**
 * Typed calls to the throughput policy endpoints. Deleting a policy an active scenario uses
 * fails with 409, its message naming those scenarios.
 */
export const throughputApi = {
  list: () => api<{ items: ThroughputPolicyRecord[] }>('GET', '/api/throughput-policies'),
  create: (input: ThroughputPolicyInput) =>
    api<ThroughputPolicyRecord>('POST', '/api/throughput-policies', { body: input }),
  update: (id: string, input: ThroughputPolicyInput) =>
    api<ThroughputPolicyRecord>('PUT', base(id), { body: input }),
  remove: (id: string) => api<null>('DELETE', base(id)),
};
