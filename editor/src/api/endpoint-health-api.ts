import type { EndpointHealth } from '../../../engine/webhook/endpoint-health.ts';
import { api } from './api-client.ts';

/** `GET /api/endpoint-health`: scenario webhooks per host, over the last `hours`. */
export interface EndpointHealthReport {
  since: string;
  deliveries: number;
  /** Only the newest deliveries were summed. */
  sampled: boolean;
  hosts: EndpointHealth[];
}

export const endpointHealthApi = {
  get: (hours = 24) => api<EndpointHealthReport>('GET', `/api/endpoint-health?hours=${hours}`),
};
