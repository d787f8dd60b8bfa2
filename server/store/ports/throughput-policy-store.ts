/** A named concurrency limit. */
export interface ThroughputPolicyRecord {
  id: string;
  name: string;
  concurrency: number;
  createdAt: string;
  updatedAt: string;
}

/** Throughput policies. Called by their routes and, at start, by the throughput registry. */
export interface ThroughputPolicyStore {
  put(record: ThroughputPolicyRecord): Promise<void>;
  get(id: string): Promise<ThroughputPolicyRecord | null>;
  /** By name. */
  list(): Promise<ThroughputPolicyRecord[]>;
  /** Deletes it; its deliveries not yet closed go on without a limit. False when unknown. */
  delete(id: string): Promise<boolean>;
}
