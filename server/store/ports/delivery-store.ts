import type { RetryPolicy } from '../../../engine/scenario/index.ts';
import type { ThroughputPriority } from '../../../engine/throughput/index.ts';
import type { RenderedRequest } from '../../../engine/webhook/index.ts';

export type { RenderedRequest };

export interface DeliveryRecord {
  /** Also the `webhook-id` header: stable across re-sends so receivers can drop duplicates. */
  id: string;
  runId: string;
  nodeId: string;
  /** The run visit this delivery answers (results for other visits are stale). */
  visit: number;
  /**
   * A batch request answers every run it carries (`runId`/`visit` are its first); null for a
   * single request.
   */
  batchRuns: { runId: string; visit: number }[] | null;
  /**
   * The cohort a batch request answers as a whole (see `CohortRecord`): `runId` is its first
   * member; null for requests of runs.
   */
  cohortId: string | null;
  request: RenderedRequest;
  /** Per-attempt timeout. */
  timeoutMs: number;
  responseFormat: 'json' | 'text';
  /** Throughput policy in force when the delivery was created (a node switched later keeps it). */
  policyId: string | null;
  /** Who goes first when the policy is full: requests of on-event runs before bulk sends. */
  priority: ThroughputPriority;
  /** Integration whose credentials are attached when sending; the stored request never holds them. */
  integrationId: string | null;
  /** The node's retry policy, frozen with the request. */
  retry: RetryPolicy;
  /** pending: waiting to be sent; sending: leased by a worker; done/failed: closed. */
  status: 'pending' | 'sending' | 'done' | 'failed';
  attempts: number;
  /** Not sent before this time (epoch ms). */
  availableAt: number;
  /** A worker holds it until then (epoch ms) at the latest; a lapsed lease means the worker died. */
  leaseUntil: number | null;
  /** The process whose worker holds it (`sending`); its heartbeat stopping frees it before `leaseUntil`. */
  owner: string | null;
  createdAt: string;
}

/** How a closed delivery ended, for the endpoints' health view. */
export interface DeliveryOutcome {
  url: string;
  status: 'done' | 'failed';
  error: string | null;
  createdAt: string;
}

/** The webhook outbox. Rows are added and closed through `Store.commit`. */
export interface DeliveryStore {
  /**
   * Leases up to `limit` pending deliveries whose `availableAt` has come: marks them `sending` by
   * `owner` until `now + leaseMs` and counts an attempt. Two workers never lease the same row. A
   * throughput policy's deliveries are leased only while fewer than its concurrency are sending,
   * counted over every process, on-event ones before bulk ones; the rest oldest first.
   */
  claim(options: { now: number; limit: number; leaseMs: number; owner: string }): Promise<DeliveryRecord[]>;
  /**
   * Re-leases to `owner` up to `limit` deliveries whose worker is gone, counting an attempt: the
   * lease lapsed, or its owner has no heartbeat newer than `liveSince` (see `ProcessStore`). A
   * live owner's deliveries are never taken before their lease lapses, nor the caller's own
   * (its heartbeat may only be late because its event loop was busy).
   */
  reclaimLapsed(options: {
    now: number;
    limit: number;
    leaseMs: number;
    owner: string;
    liveSince: number;
  }): Promise<DeliveryRecord[]>;
  /**
   * Hands back what `owner` holds but has not sent (a clean stop): its `sending` rows become
   * pending again, their attempt uncounted. Returns how many.
   */
  release(owner: string): Promise<number>;
  /**
   * Deliveries closed (done or failed) among those created since `since` (epoch ms), newest
   * first, at most `limit`: what the endpoints' health view sums per host. Delivery ids are
   * time-ordered, so the store reads only the newest ones.
   */
  recentOutcomes(options: { since: number; limit: number }): Promise<DeliveryOutcome[]>;
  get(id: string): Promise<DeliveryRecord | null>;
  /** When the next claim can find something (a pending row's availableAt or a lease's end); null when never. */
  nextAvailableAt(): Promise<number | null>;
}
