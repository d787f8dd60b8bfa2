import { type AnyActorScope, type AnyMachineSnapshot, createActor } from 'xstate';
import { COMPLETED_STATE, FAILED_STATE, type ScenarioMachine } from '../scenario/compile-machine.ts';
import type { RunContext, RunEffect, RunEvent, RunInput, RunStatus } from './run-types.ts';

/**
 * What the store keeps of a run's machine: the state it stands in and its context. That is all
 * `machine.resolveState` needs to rebuild the snapshot (the machine has no history states, no
 * children and no delayed events), so XState's fuller persisted form is not written.
 */
export interface PersistedRunSnapshot {
  value: string;
  context: RunContext;
}

/** The result of one step of a run: the state to save and the effects to carry out after saving. */
export interface StepOutcome {
  snapshot: PersistedRunSnapshot;
  status: RunStatus;
  /** The node the run now stands on (null once finished). */
  nodeId: string | null;
  context: RunContext;
  /** Nodes entered during this step, in order, for the run's history. */
  entered: { nodeId: string; visit: number }[];
  /** The outputs the run left nodes by during this step (`yes`, `success`), in order. */
  left: { nodeId: string; handle: string }[];
  effects: RunEffect[];
}

type Emitted = {
  type: 'entered' | 'left' | RunEffect['type'];
  nodeId: string;
  visit: number;
  handle?: string;
};

/**
 * An actor scope per machine that collects what the machine emits instead of running it. The
 * machine's own `transition` and `getInitialSnapshot` take it: a step is a pure function of the
 * snapshot and the event, with no actor created, started and discarded each time (that cost
 * about three times the step itself). Steps are synchronous, so one scope per machine is never
 * used by two steps at once.
 */
interface CollectingScope {
  scope: AnyActorScope;
  emitted: Emitted[];
}

const scopes = new WeakMap<ScenarioMachine, CollectingScope>();

function scopeOf(machine: ScenarioMachine): CollectingScope {
  let collecting = scopes.get(machine);
  if (collecting) return collecting;
  // The actor is never started: it only lends the scope its system (for XState's inspection hooks).
  const self = createActor(machine, { input: undefined as never });
  const state: CollectingScope = { scope: undefined as never, emitted: [] };
  state.scope = {
    self,
    system: self.system,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: (action: { type: string; params?: unknown }) => {
      if (action.type === 'xstate.emit') state.emitted.push((action.params as { event: Emitted }).event);
    },
  } as unknown as AnyActorScope;
  scopes.set(machine, state);
  collecting = state;
  return collecting;
}

/** Starts a run at its trigger node and advances it until it needs the outside world or ends. */
export function startRun(machine: ScenarioMachine, input: RunInput): StepOutcome {
  const collecting = scopeOf(machine);
  collecting.emitted = [];
  const snapshot = machine.getInitialSnapshot(collecting.scope, input) as unknown as AnyMachineSnapshot;
  return outcomeOf(snapshot, collecting.emitted);
}

/**
 * Feeds one result (WAKE, WEBHOOK_DONE, WEBHOOK_FAILED, …) to a saved run. Returns null when the
 * run ignores it (a stale or duplicate result), so the caller saves nothing. Snapshots saved in
 * XState's full persisted form (before compact snapshots) restore the same way.
 */
export function resumeRun(
  machine: ScenarioMachine,
  snapshot: PersistedRunSnapshot,
  event: RunEvent,
): StepOutcome | null {
  const collecting = scopeOf(machine);
  collecting.emitted = [];
  const before = machine.resolveState({ value: snapshot.value, context: snapshot.context });
  const after = machine.transition(before, event, collecting.scope) as unknown as AnyMachineSnapshot;
  if (after === (before as unknown)) return null;
  return outcomeOf(after, collecting.emitted);
}

/**
 * Puts a run that failed at `nodeId` (a webhook node) back on that node and enters it again, as
 * if it had just arrived: a new webhook effect, a new visit, the error cleared. Null when the run
 * did not end failed at that node.
 */
export function retryAtNode(
  machine: ScenarioMachine,
  snapshot: PersistedRunSnapshot,
  nodeId: string,
): StepOutcome | null {
  if (snapshot.value !== FAILED_STATE || snapshot.context.lastError?.nodeId !== nodeId) return null;
  return resumeRun(machine, { value: nodeId, context: snapshot.context }, { type: 'RETRY', nodeId });
}

function outcomeOf(snapshot: AnyMachineSnapshot, emitted: Emitted[]): StepOutcome {
  const entered: StepOutcome['entered'] = [];
  const left: StepOutcome['left'] = [];
  const effects: RunEffect[] = [];
  for (const { type, nodeId, visit, handle } of emitted) {
    if (type === 'entered') entered.push({ nodeId, visit });
    else if (type === 'left') left.push({ nodeId, handle: handle ?? 'out' });
    else effects.push({ type, nodeId, visit });
  }
  const value = String(snapshot.value);
  const context = snapshot.context as RunContext;
  const finished = snapshot.status === 'done';
  return {
    snapshot: { value, context },
    status: finished ? (value === FAILED_STATE ? 'failed' : 'completed') : statusOf(effects),
    nodeId: finished || value === COMPLETED_STATE ? null : value,
    context,
    entered,
    left,
    effects,
  };
}

/** A path stands on one node at a time, so an unfinished step yields exactly one effect. */
function statusOf(effects: RunEffect[]): RunStatus {
  return effects[0]?.type === 'wait' ? 'waiting' : 'running';
}
