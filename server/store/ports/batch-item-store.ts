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
  /**
   * The process whose batcher sends it: the one that queued it, or took it over once that one
   * stopped beating (see `ProcessStore`); null when handed back by a clean stop.
   */
  owner: string | null;
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
 * transaction as the batch delivery that carries them, through `Store.commit`. Each process's
 * batcher sends the items it owns; every member required.
 */
export interface BatchItemStore {
  /**
   * Every node with waiting items: those `owner` holds (its batcher, at start and after a
   * takeover), or everyone's when no owner is given (the metrics).
   */
  groups(owner?: string): Promise<BatchGroup[]>;
  /** The oldest `limit` items `owner` holds at one node, in arrival order. */
  oldest(
    group: Omit<BatchGroup, 'count' | 'oldestAt'>,
    limit: number,
    owner: string,
  ): Promise<BatchItemRecord[]>;
  /**
   * Makes `owner` the owner of every item nobody sends: handed back (null) or held by a process
   * with no heartbeat newer than `liveSince`. Returns how many it took; a live owner's items
   * are never taken.
   */
  takeOver(options: { owner: string; liveSince: number }): Promise<number>;
  /** Hands back the items `owner` holds (a clean stop), so another process sends them; returns how many. */
  release(owner: string): Promise<number>;
}
