import { assign, emit, setup } from 'xstate';
import { evaluateFilter } from '../audience/evaluate-filter.ts';
import type { Filter } from '../audience/filter-schema.ts';
import type { RunContext, RunEvent, RunInput } from '../run/run-types.ts';
import { conditionContext } from '../run/condition-context.ts';
import { isTriggerType } from './handles.ts';
import type { ScenarioNode } from './node-schemas.ts';
import type { ScenarioDefinition } from './scenario-schema.ts';

/** Final states that are not user nodes; `$` cannot appear in a node id, so they never collide. */
export const COMPLETED_STATE = '$completed';
export const FAILED_STATE = '$failed';
const START_STATE = '$start';

type Effect = 'wait' | 'webhook' | 'attributes';
/** `left` names the output a run leaves a node by (`yes`, `failure`), for the edge counts. */
type Emitted = { type: 'entered' | 'left' | Effect; nodeId: string; visit: number; handle?: string };

/**
 * Compiles a validated definition into one XState machine: a pure decider. States that need
 * the outside world emit an effect (`wait`, `webhook`, `attributes`) and wait for WAKE /
 * WEBHOOK_DONE / WEBHOOK_FAILED / ATTRIBUTES_SET carrying the same `visit`; the runner carries
 * effects out (attribute values are templates, which the runner renders).
 */
export function compileMachine(definition: ScenarioDefinition, id = 'scenario') {
  const filters = new Map<string, Filter>();
  for (const node of definition.nodes) {
    if (node.type === 'condition') filters.set(node.id, node.config);
    if (node.type === 'trigger.event') filters.set(node.id, node.config.conditions);
  }
  const machineSetup = setup({
    types: {} as { context: RunContext; events: RunEvent; input: RunInput; emitted: Emitted },
    actions: {
      enter: assign({ visit: ({ context }) => context.visit + 1 }),
      announce: emit(({ context }, params: { type: Emitted['type']; nodeId: string; handle?: string }) => ({
        ...params,
        visit: context.visit,
      })),
      recordResponse: assign({
        webhooks: ({ context, event }, params: { keep: boolean }) => {
          if (!(event.type === 'WEBHOOK_DONE' || (event.type === 'WEBHOOK_FAILED' && event.response)))
            return context.webhooks;
          const response = event.response!;
          // Still one entry, so `webhook(n)` keeps counting the same responses.
          const kept = params.keep
            ? response
            : { nodeId: response.nodeId, status: response.status, headers: {}, data: '' };
          return [...context.webhooks, kept];
        },
      }),
      setAttributes: assign({
        customer: ({ context, event }) =>
          event.type === 'ATTRIBUTES_SET' ? { ...context.customer, ...event.values } : context.customer,
      }),
      clearError: assign({ lastError: null }),
      recordError: assign({
        lastError: ({ event }, params: { nodeId: string }) => ({
          nodeId: params.nodeId,
          message: 'error' in event ? event.error : 'failed',
        }),
      }),
    },
    guards: {
      startsAt: ({ context }, params: { nodeId: string }) => context.triggerNodeId === params.nodeId,
      filterHolds: ({ context }, params: { nodeId: string }) =>
        evaluateFilter(filters.get(params.nodeId) ?? { rules: [] }, conditionContext(context)),
      currentVisit: ({ context, event }) => 'visit' in event && event.visit === context.visit,
    },
  });
  const states: Record<string, object> = {
    [START_STATE]: {
      always: definition.nodes
        .filter((node) => isTriggerType(node.type))
        .map((node) => ({ guard: { type: 'startsAt', params: { nodeId: node.id } }, target: node.id })),
    },
    [COMPLETED_STATE]: { type: 'final' },
    [FAILED_STATE]: { type: 'final' },
  };
  const targets = edgeTargets(definition);
  const read = responsesRead(definition);
  for (const node of definition.nodes) states[node.id] = nodeState(node, targets, read.has(node.id));
  return machineSetup.createMachine({
    id,
    initial: START_STATE,
    on: {
      FAIL: {
        guard: 'currentVisit',
        target: `.${FAILED_STATE}`,
        actions: {
          type: 'recordError',
          params: ({ event }: { event: RunEvent }) => ({ nodeId: event.type === 'FAIL' ? event.nodeId : '' }),
        },
      },
    },
    context: ({ input }) => ({ ...input, visit: 0, webhooks: [], lastError: null }),
    // The state map is built from data, so its shape cannot be checked statically.
    states: states as never,
  });
}

export type ScenarioMachine = ReturnType<typeof compileMachine>;

function edgeTargets(definition: ScenarioDefinition): Map<string, string> {
  const targets = new Map<string, string>();
  for (const edge of definition.edges) targets.set(`${edge.source}:${edge.sourceHandle}`, edge.target);
  return targets;
}

/**
 * Webhook nodes whose response a later node may read: one reachable after the webhook (itself
 * too, through a loop) whose config mentions `webhook` anywhere (templates, parameter values,
 * condition fields). A conservative test, so a false match only keeps data. Other responses stay
 * in the run's context as their status only: the snapshot, saved at every step, stays small,
 * and the full response is in the run's history anyway.
 */
function responsesRead(definition: ScenarioDefinition): Set<string> {
  const next = new Map<string, string[]>();
  for (const edge of definition.edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const readers = new Set(
    definition.nodes.filter((node) => JSON.stringify(node.config).includes('webhook')).map((node) => node.id),
  );
  const read = new Set<string>();
  for (const node of definition.nodes) {
    if (node.type !== 'webhook') continue;
    const seen = new Set<string>();
    const queue = [...(next.get(node.id) ?? [])];
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      if (readers.has(id)) {
        read.add(node.id);
        break;
      }
      queue.push(...(next.get(id) ?? []));
    }
  }
  return read;
}

function nodeState(node: ScenarioNode, targets: Map<string, string>, responseRead: boolean): object {
  const to = (handle: string, fallback = COMPLETED_STATE) => targets.get(`${node.id}:${handle}`) ?? fallback;
  // Announced on the transition, so before the next node's `entered`; taken even without an edge.
  const leave = (handle: string) => ({ type: 'announce', params: { type: 'left', nodeId: node.id, handle } });
  const entry = (effect?: Effect) => [
    'enter',
    { type: 'announce', params: { type: 'entered', nodeId: node.id } },
    ...(effect ? [{ type: 'announce', params: { type: effect, nodeId: node.id } }] : []),
  ];
  const visitGuard = 'currentVisit';
  const record = { type: 'recordResponse', params: { keep: responseRead } };
  switch (node.type) {
    case 'trigger.event':
    case 'trigger.hook':
    case 'trigger.schedule':
      return { entry: entry(), always: { target: to('out'), actions: leave('out') } };
    case 'condition':
      return {
        entry: entry(),
        always: [
          {
            guard: { type: 'filterHolds', params: { nodeId: node.id } },
            target: to('yes'),
            actions: leave('yes'),
          },
          { target: to('no'), actions: leave('no') },
        ],
      };
    case 'wait':
      return {
        entry: entry('wait'),
        on: { WAKE: { guard: visitGuard, target: to('out'), actions: leave('out') } },
      };
    case 'webhook':
      return {
        entry: entry('webhook'),
        on: {
          WEBHOOK_DONE: { guard: visitGuard, target: to('success'), actions: [record, leave('success')] },
          WEBHOOK_FAILED: {
            guard: visitGuard,
            target: to('failure', FAILED_STATE),
            actions: [record, { type: 'recordError', params: { nodeId: node.id } }, leave('failure')],
          },
          // A run put back on this node after it failed here enters it again: a new request.
          RETRY: { target: node.id, reenter: true, actions: 'clearError' },
        },
      };
    case 'set-attributes':
      return {
        entry: entry('attributes'),
        on: {
          ATTRIBUTES_SET: { guard: visitGuard, target: to('out'), actions: ['setAttributes', leave('out')] },
        },
      };
    case 'end':
      return { entry: entry(), always: { target: COMPLETED_STATE } };
  }
}
