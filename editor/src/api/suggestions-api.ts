import { api } from './api-client.ts';

export interface NameCount {
  name: string;
  count: number;
}

export interface EventTypeSeen {
  type: string;
  lastSeen: string;
  count: number;
  /** The count stopped at the server's cap: at least this many. */
  capped: boolean;
}

/** Typed calls to the suggestion endpoints: what stored data offers the editor's fields. */
export const suggestionsApi = {
  eventTypes: () => api<{ since: string; items: EventTypeSeen[] }>('GET', '/api/suggestions/event-types'),
  eventProperties: (type: string) =>
    api<{ type: string; sample: number; items: NameCount[] }>(
      'GET',
      `/api/suggestions/event-properties?type=${encodeURIComponent(type)}`,
    ),
  customerAttributes: () =>
    api<{ sample: number; items: NameCount[] }>('GET', '/api/suggestions/customer-attributes'),
  responseFields: (scenarioId: string, nodeId: string) =>
    api<{ response: { at: string; status: number } | null; fields: string[] }>(
      'GET',
      `/api/scenarios/${encodeURIComponent(scenarioId)}/nodes/${encodeURIComponent(nodeId)}/response-fields`,
    ),
};
