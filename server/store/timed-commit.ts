import type { RuntimeMetrics } from '../runtime/runtime-metrics.ts';

/** Where a store adapter reports how long its commits take (`/metrics`' commit latency). */
export type CommitTimer = Pick<RuntimeMetrics, 'commitLatency'>;

/** Runs one commit and reports its duration, whether it succeeded or threw. */
export async function timedCommit<T>(
  timer: CommitTimer | undefined,
  commit: () => T | Promise<T>,
): Promise<T> {
  if (!timer) return commit();
  const started = performance.now();
  try {
    return await commit();
  } finally {
    timer.commitLatency(performance.now() - started);
  }
}
