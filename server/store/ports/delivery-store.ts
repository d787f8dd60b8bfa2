import type { RetryPolicy } from '../../../engine/scenario/index.ts';
import type { RenderedRequest } from '../../../engine/webhook/index.ts';

export type { RenderedRequest };

export interface DeliveryRecord {
  /** Also the `webhook-id` header: stable across re-sends so receivers can drop duplicates. */
  id: string;
  runId: string;
  nodeId: string;
  /** The run visit this delivery answers (results for other visits are stale). */
  visit: number;
  request: RenderedRequest;
  /** Per-attempt timeout. */
  timeoutMs: number;
  responseFormat: 'json' | 'text';
  /** The node's retry policy, frozen with the request. */
  retry: RetryPolicy;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  /** Not sent before this time (epoch ms). */
  availableAt: number;
  /** A worker holds it until then (epoch ms); a lapsed lease means the worker died. */
  leaseUntil: number | null;
  createdAt: string;
}

/** The webhook outbox. Rows are added and closed through `Store.commit`. */
export interface DeliveryStore {
  /**
   * Leases up to `limit` deliveries that are pending, available and not leased (or whose lease
   * lapsed), oldest first, and counts an attempt. Two workers never lease the same row.
   */
  claim(options: { now: number; limit: number; leaseMs: number }): Promise<DeliveryRecord[]>;
  get(id: string): Promise<DeliveryRecord | null>;
  /** Earliest `availableAt` of a pending delivery, to arm the worker's timer; null when none. */
  nextAvailableAt(): Promise<number | null>;
}
