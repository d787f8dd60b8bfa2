import type { NodeStats } from './ports/run-store.ts';

/** How many history steps of one kind, failed or not, a node has. */
export interface StepCount {
  node: string;
  kind: string;
  failed: boolean;
  n: number;
}

/**
 * Turns step counts and the runs standing on each node into the per-node figures of
 * `RunStore.nodeStats`, the same way for every adapter.
 */
export function foldNodeStats(
  steps: readonly StepCount[],
  waiting: readonly { node: string; n: number }[],
): Record<string, NodeStats> {
  const stats: Record<string, NodeStats> = {};
  const at = (nodeId: string) => (stats[nodeId] ??= { entered: 0, waiting: 0, succeeded: 0, failed: 0 });
  const attempted = new Set<string>();
  for (const row of steps) {
    const node = at(row.node);
    if (row.kind === 'entered') node.entered += row.n;
    else if (row.failed) node.failed += row.n;
    else if (row.kind === 'webhook') {
      node.succeeded += row.n;
      attempted.add(row.node);
    }
  }
  for (const row of waiting) at(row.node).waiting = row.n;
  // Nodes without attempts of their own succeed by moving on.
  for (const [nodeId, node] of Object.entries(stats)) {
    if (!attempted.has(nodeId)) node.succeeded = Math.max(0, node.entered - node.waiting - node.failed);
  }
  return stats;
}
