/** How one delivery attempt ended (see `RuntimeMetrics.deliveryOutcome`). */
export type DeliveryOutcome = 'delivered' | 'retry' | 'failed' | 'refused';

/** Leased work one process can take over from another that died. */
export type LeasedWork = 'delivery' | 'batch' | 'fan-out';

/**
 * What the runtime tells `GET /metrics` as it works. Every member is cheap and synchronous (a
 * counter or histogram in memory) and never throws, so callers need no guard. The server passes
 * a Prometheus implementation (`PrometheusMetrics`); tests may pass `noMetrics`.
 *
 * @example
 * metrics.deliveryOutcome('retry'); // an attempt answered 503 and will be sent again
 */
export interface RuntimeMetrics {
  /**
   * One delivery attempt ended: `delivered` (2xx), `retry` (failed, will be sent again), `failed`
   * (given up: a 4xx, the last attempt, credentials that cannot be attached) or `refused` (the
   * egress policy refused the address). Called by the delivery log, once per attempt.
   */
  deliveryOutcome(outcome: DeliveryOutcome): void;
  /**
   * `count` pieces of leased work taken over from a process whose heartbeat stopped or whose lease
   * lapsed. Called by whoever reclaims them (the delivery worker for deliveries).
   */
  takeovers(work: LeasedWork, count: number): void;
  /** How long one `Store.commit` took, in milliseconds, whether it succeeded or not. Called by the store adapters. */
  commitLatency(ms: number): void;
}

/** Reports nowhere: for code run outside a server (tests, tools). */
export const noMetrics: RuntimeMetrics = {
  deliveryOutcome: () => {},
  takeovers: () => {},
  commitLatency: () => {},
};
