/** How much work waits in the store, counted over every process sharing it. */
export interface Backlog {
  deliveries: {
    /** Not sent yet (`pending`), retries waiting for their time included. */
    pending: number;
    /** Of those, the ones whose time has come and that no process has claimed yet. */
    due: number;
    /**
     * Leased by a process and being sent, by the throughput policy they were created under
     * (`policyId` null: none); policies with nothing sending are absent.
     */
    sendingByPolicy: { policyId: string | null; count: number }[];
  };
  waits: {
    /** Runs waiting for a timer (a wait node), due or not. */
    scheduled: number;
    /** Of those, the ones whose wake time has come and that no process has woken yet. */
    due: number;
  };
}

/**
 * Counts of the work waiting in the store, for `GET /metrics` (read at most once a second per
 * process, never on a request's path). Each count is one query on an index the claims already use.
 *
 * @example
 * const { deliveries } = await store.backlog.read(Date.now()); // deliveries.due: 0 when workers keep up
 */
export interface BacklogStore {
  /** The counts as of `now` (epoch ms), which decides what is due. */
  read(now: number): Promise<Backlog>;
}
