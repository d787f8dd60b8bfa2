import { type Snapshot, createActor } from 'xstate';
import { COMPLETED_STATE, FAILED_STATE, type ScenarioMachine } from '../scenario/compile-machine.ts';
import type { RunContext, RunEffect, RunEvent, RunInput, RunStatus } from './run-types.ts';

/** Opaque JSON the store keeps for a run; only `restore` reads it back. */
export type PersistedRunSnapshot = Snapshot<unknown>;

/** The result of one step of a run: the state to save and the effects to carry out after saving. */
export interface StepOutcome {
  snapshot: PersistedRunSnapshot;
  status: RunStatus;
  /** The node the run now stands on (null once finished). */
  nodeId: string | null;
  context: RunContext;
  /** Nodes entered during this step, in order, for the run's history. */
  entered: { nodeId: string; visit: number }[];
  effects: RunEffect[];
}

/** Starts a run at its trigger node and advances it until it needs the outside world or ends. */
export function startRun(machine: ScenarioMachine, input: RunInput): StepOutcome {
  const outcome = step(createActor(machine, { input }));
  if (!outcome) throw new Error('a new run always takes its first step');
  return outcome;
}

/**
 * Feeds one result (WAKE, WEBHOOK_DONE, WEBHOOK_FAILED) to a saved run. Returns null when the
 * run ignores it (a stale or duplicate result), so the caller saves nothing.
 */
export function resumeRun(
  machine: ScenarioMachine,
  snapshot: PersistedRunSnapshot,
  event: RunEvent,
): StepOutcome | null {
  // Input only seeds a fresh context; a restored snapshot already carries its context.
  const actor = createActor(machine, { snapshot: snapshot as never, input: undefined as never });
  return step(actor, event);
}

function step(actor: ReturnType<typeof createActor<ScenarioMachine>>, event?: RunEvent): StepOutcome | null {
  const entered: StepOutcome['entered'] = [];
  const effects: RunEffect[] = [];
  actor.on('*', (emitted) => {
    if (emitted.type === 'entered') entered.push({ nodeId: emitted.nodeId, visit: emitted.visit });
    else effects.push({ type: emitted.type, nodeId: emitted.nodeId, visit: emitted.visit });
  });
  actor.start();
  const before = actor.getSnapshot();
  if (event) {
    actor.send(event);
    if (actor.getSnapshot() === before) return null;
  }
  // The actor holds no timers or children, so it needs no stop(); stopping would mark the snapshot stopped.
  const snapshot = actor.getSnapshot();
  const value = String(snapshot.value);
  const finished = snapshot.status === 'done';
  return {
    snapshot: actor.getPersistedSnapshot() as PersistedRunSnapshot,
    status: finished ? (value === FAILED_STATE ? 'failed' : 'completed') : statusOf(effects),
    nodeId: finished || value === COMPLETED_STATE ? null : value,
    context: snapshot.context,
    entered,
    effects,
  };
}

/** A path stands on one node at a time, so an unfinished step yields exactly one effect. */
function statusOf(effects: RunEffect[]): RunStatus {
  return effects[0]?.type === 'wait' ? 'waiting' : 'running';
}
