/** A server process sharing the store, as its heartbeat row shows it. */
export interface ProcessRecord {
  /** Random per start (`proc_…`): what leases name as their owner. */
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  /** The process's clock at its last heartbeat (epoch ms). */
  heartbeatAt: number;
}

/**
 * Heartbeats of the processes sharing the store. Work a process leases (deliveries, fan-outs,
 * batches) names it as owner; once its heartbeat is older than the others' cut-off, they take
 * that work over. Called by the process registry (beat, remove) and the operators' views (list).
 */
export interface ProcessStore {
  /** Inserts or refreshes the process's row with `heartbeatAt`. */
  beat(process: ProcessRecord): Promise<void>;
  /** Removes the row of a process that stopped cleanly (after it handed its work back). */
  remove(id: string): Promise<void>;
  /** Every row, newest heartbeat first; dead rows stay until `prune` removes them. */
  list(): Promise<ProcessRecord[]>;
  /** Deletes rows whose heartbeat is older than `before` (epoch ms); returns how many. */
  prune(before: number): Promise<number>;
}
