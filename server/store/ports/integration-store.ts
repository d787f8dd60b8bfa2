import type { IntegrationType } from '../../../engine/integrations/index.ts';

/** An integration as stored: public settings in clear, secret fields sealed by the SecretBox. */
export interface IntegrationRecord {
  id: string;
  name: string;
  type: IntegrationType;
  endpointPrefix: string;
  /** Non-secret fields (username, header names, public header values, token URL, test settings). */
  settings: Record<string, unknown>;
  /** Sealed JSON of the secret fields; never leaves the server. */
  sealedSecrets: string;
  createdAt: string;
  updatedAt: string;
}

/** Authentication integrations. Called by the integrations routes and, at send time, by the delivery worker. */
export interface IntegrationStore {
  put(record: IntegrationRecord): Promise<void>;
  get(id: string): Promise<IntegrationRecord | null>;
  /** By name. */
  list(): Promise<IntegrationRecord[]>;
  delete(id: string): Promise<boolean>;
}
