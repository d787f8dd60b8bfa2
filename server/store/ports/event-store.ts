/** A trigger event as received. */
export interface EventRecord {
  id: string;
  customerId: string;
  type: string;
  timestamp: string;
  properties: Record<string, unknown>;
  receivedAt: string;
}

/** Received events; written only through `Store.commit`, read by the API. */
export interface EventStore {
  get(id: string): Promise<EventRecord | null>;
  /** Which of these ids were already received (idempotent ingestion). */
  existing(ids: readonly string[]): Promise<Set<string>>;
}
