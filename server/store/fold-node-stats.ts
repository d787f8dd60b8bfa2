import type { NodeStats } from './ports/run-store.ts';
import type { CohortCommit, RunChange } from './ports/store.ts';

/** How many history steps of one kind, failed or not, a node has. */
export interface StepCount {
  node: string;
  kind: string;
  failed: boolean;
  n: number;
}

/** A StepCount of one scenario version, as a commit adds it to the stored counts. */
export interface StepCountDelta extends StepCount {
  scenarioId: string;
  version: number;
}

/** Steps at a node that its figures count (runs' own completed / failed steps have no node). */
const COUNTED_KINDS: ReadonlySet<string> = new Set(['entered', 'webhook', 'wait', 'attributes']);

/** The counter kind of runs leaving a node by one output: `branch:yes`, `branch:failure`. */
const BRANCH = 'branch:';

/**
 * What the history steps and branches of applied run changes add to the stored per-node counts,
 * summed per (version, node, kind, failed): a commit of a thousand runs writes a few counters,
 * and the canvas reads those instead of grouping every step of the version.
 */
export function stepCountDeltas(
  changes: Iterable<RunChange>,
  cohorts: Iterable<CohortCommit> = [],
): StepCountDelta[] {
  const deltas = new Map<string, StepCountDelta>();
  const add = (on: { scenarioId: string; version: number }, count: Omit<StepCount, 'n'>, n: number) => {
    const key = `${on.scenarioId}\0${on.version}\0${count.node}\0${count.kind}\0${count.failed}`;
    const delta = deltas.get(key);
    if (delta) delta.n += n;
    else deltas.set(key, { scenarioId: on.scenarioId, version: on.version, ...count, n });
  };
  const addSteps = (on: { scenarioId: string; version: number }, steps: Iterable<CountedStep>, n: number) => {
    for (const step of steps) {
      if (step.nodeId === null || !COUNTED_KINDS.has(step.kind)) continue;
      add(on, { node: step.nodeId, kind: step.kind, failed: step.detail['error'] != null }, n);
    }
  };
  const addBranches = (
    on: { scenarioId: string; version: number },
    branches: RunChange['branches'],
    n: number,
  ) => {
    for (const branch of branches ?? [])
      add(on, { node: branch.nodeId, kind: `${BRANCH}${branch.handle}`, failed: false }, n);
  };
  for (const { run, steps, branches } of changes) {
    addSteps(run, steps, 1);
    addBranches(run, branches, 1);
  }
  // A cohort's new steps and branches count once per member: a thousand members add to a few counters.
  for (const { cohort, addedSteps, branches } of cohorts) {
    const members = cohort.customerIds.length;
    addSteps(cohort, cohort.steps.slice(cohort.steps.length - addedSteps), members);
    addBranches(cohort, branches, members);
  }
  return [...deltas.values()];
}

type CountedStep = { nodeId: string | null; kind: string; detail: Record<string, unknown> };

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
    if (row.kind.startsWith(BRANCH)) {
      const handle = row.kind.slice(BRANCH.length);
      node.branches = { ...node.branches, [handle]: (node.branches?.[handle] ?? 0) + row.n };
    } else if (row.kind === 'entered') node.entered += row.n;
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
