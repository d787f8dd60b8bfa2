/** One customer waiting at a batch webhook node: its rendered customer template and its run. */
export interface BatchItemRecord {
  /** Time-ordered: items of one node leave in id order. */
  id: string;
  scenarioId: string;
  version: number;
  nodeId: string;
  runId: string;
  /** The run visit the batch response answers. */
  visit: number;
  /** The customer template's output. */
  customer: string;
  /** When the customer reached the node (epoch ms); the batching window counts from the oldest. */
  createdAt: number;
}

/** Where items of one batch node stand. */
export interface BatchGroup {
  scenarioId: string;
  version: number;
  nodeId: string;
  count: number;
  oldestAt: number;
}

/**
 * The durable batch buffer. Items are added with their run's step and leave, in the same
 * transaction as the batch delivery that carries them, through `Store.commit`.
 */
export interface BatchItemStore {
  /** Every node with waiting items (read at start-up to pick up where a stopped process left). */
  groups(): Promise<BatchGroup[]>;
  /** The oldest `limit` items of one node, in arrival order. */
  oldest(group: Omit<BatchGroup, 'count' | 'oldestAt'>, limit: number): Promise<BatchItemRecord[]>;
}
