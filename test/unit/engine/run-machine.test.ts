import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileMachine, ScenarioDefinitionSchema } from '../../../engine/scenario/index.ts';
import { resumeRun, retryAtNode, startRun } from '../../../engine/run/index.ts';

/** A machine from nodes and edges written `source>target` or `source:handle>target`. */
function machineOf(nodes: unknown[], edges: string[]) {
  return compileMachine(
    ScenarioDefinitionSchema.parse({
      nodes,
      edges: edges.map((written, index) => {
        const [from = '', target] = written.split('>');
        const [source, sourceHandle = 'out'] = from.split(':');
        return { id: `e${index}`, source, sourceHandle, target };
      }),
    }),
  );
}

const trigger = { id: 't', type: 'trigger.event', config: { eventType: 'signup' } };
const proOnly = {
  id: 'c',
  type: 'condition',
  config: { rules: [{ field: 'customer.plan', criteria: 'equals', value: 'pro' }] },
};
const machine = machineOf(
  [
    trigger,
    proOnly,
    { id: 'w', type: 'wait', config: { mode: 'duration', seconds: 2 } },
    { id: 'h', type: 'webhook', config: { url: 'http://127.0.0.1/x' } },
  ],
  ['t>c', 'c:yes>w', 'w>h'],
);
const event = { id: null, type: 'signup', timestamp: '2026-01-01T00:00:00Z', properties: {} };

/** A pro customer's run that waited, reached the webhook node 'h' and failed there. */
function failAtWebhook() {
  const first = startRun(machine, { triggerNodeId: 't', customer: { id: 'c1', plan: 'pro' }, event });
  const woken = resumeRun(machine, first.snapshot, { type: 'WAKE', visit: 3 })!;
  const failed = resumeRun(machine, woken.snapshot, { type: 'WEBHOOK_FAILED', visit: 4, error: 'HTTP 500' })!;
  return { woken, failed };
}

describe('a compiled scenario machine', () => {
  it('stops at a wait with a wait effect when the condition holds', () => {
    const outcome = startRun(machine, { triggerNodeId: 't', customer: { id: 'c1', plan: 'pro' }, event });
    expect(outcome.status).toBe('waiting');
    expect(outcome.nodeId).toBe('w');
    expect(outcome.entered.map((e) => e.nodeId)).toEqual(['t', 'c', 'w']);
    expect(outcome.effects).toEqual([{ type: 'wait', nodeId: 'w', visit: 3 }]);
  });

  it('completes at once when the condition fails and the no branch is empty', () => {
    const outcome = startRun(machine, { triggerNodeId: 't', customer: { id: 'c1', plan: 'free' }, event });
    expect(outcome.status).toBe('completed');
    expect(outcome.effects).toEqual([]);
  });

  it('names the output it leaves each node by, taken or not an edge leaves it', () => {
    const pro = startRun(machine, { triggerNodeId: 't', customer: { id: 'c1', plan: 'pro' }, event });
    expect(pro.left).toEqual([
      { nodeId: 't', handle: 'out' },
      { nodeId: 'c', handle: 'yes' },
    ]);
    const free = startRun(machine, { triggerNodeId: 't', customer: { id: 'c1', plan: 'free' }, event });
    expect(free.left).toEqual([
      { nodeId: 't', handle: 'out' },
      { nodeId: 'c', handle: 'no' },
    ]);
    const woken = resumeRun(machine, pro.snapshot, { type: 'WAKE', visit: 3 });
    expect(woken?.left).toEqual([{ nodeId: 'w', handle: 'out' }]);
    const failed = resumeRun(machine, woken!.snapshot, {
      type: 'WEBHOOK_FAILED',
      visit: 4,
      error: 'HTTP 500',
    });
    expect(failed?.status).toBe('failed');
    expect(failed?.left).toEqual([{ nodeId: 'h', handle: 'failure' }]);
  });

  it('resumes from a JSON round-tripped snapshot and ignores stale results', () => {
    const first = startRun(machine, { triggerNodeId: 't', customer: { id: 'c1', plan: 'pro' }, event });
    const saved = JSON.parse(JSON.stringify(first.snapshot));
    expect(resumeRun(machine, saved, { type: 'WAKE', visit: 99 })).toBeNull();
    const woken = resumeRun(machine, saved, { type: 'WAKE', visit: 3 });
    expect(woken?.effects).toEqual([{ type: 'webhook', nodeId: 'h', visit: 4 }]);
    const response = { nodeId: 'h', status: 200, headers: {}, data: '{"ok":true}', json: { ok: true } };
    const done = resumeRun(machine, JSON.parse(JSON.stringify(woken!.snapshot)), {
      type: 'WEBHOOK_DONE',
      visit: 4,
      response,
    });
    expect(done?.status).toBe('completed');
    // Nothing after `h` reads webhook responses: the snapshot keeps its status only.
    expect(done?.context.webhooks).toEqual([{ nodeId: 'h', status: 200, headers: {}, data: '' }]);
  });

  it("saves only the state and the context, and still resumes runs saved in XState's full form", () => {
    const input = { triggerNodeId: 't', customer: { id: 'c1', plan: 'pro' }, event };
    const compact = startRun(machine, input);
    expect(Object.keys(compact.snapshot).sort()).toEqual(['context', 'value']);
    // What the store held before compact snapshots: an actor's persisted snapshot.
    const actor = createActor(machine, { input });
    actor.start();
    const full = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    expect(full).toHaveProperty('status', 'active');
    for (const saved of [compact.snapshot, full]) {
      const woken = resumeRun(machine, saved, { type: 'WAKE', visit: 3 });
      expect(woken?.effects).toEqual([{ type: 'webhook', nodeId: 'h', visit: 4 }]);
      expect(woken?.context.customer).toEqual({ id: 'c1', plan: 'pro' });
    }
  });

  it('keeps a response whole when a node reachable after the webhook reads `webhook`', () => {
    const chained = machineOf(
      [
        trigger,
        { id: 'first', type: 'webhook', config: { url: 'http://127.0.0.1/a' } },
        { id: 'pause', type: 'wait', config: { mode: 'duration', seconds: 1 } },
        { id: 'second', type: 'webhook', config: { url: 'http://127.0.0.1/{{ webhook.token }}' } },
      ],
      ['t>first', 'first:success>pause', 'pause>second'],
    );
    const first = startRun(chained, { triggerNodeId: 't', customer: { id: 'c1' }, event });
    const response = {
      nodeId: 'first',
      status: 200,
      headers: { a: 'b' },
      data: '{"token":"x"}',
      json: { token: 'x' },
    };
    const waiting = resumeRun(chained, first.snapshot, { type: 'WEBHOOK_DONE', visit: 2, response })!;
    expect(waiting.context.webhooks).toEqual([response]);
    const woken = resumeRun(chained, waiting.snapshot, { type: 'WAKE', visit: 3 })!;
    const second = { nodeId: 'second', status: 201, headers: {}, data: 'done' };
    const done = resumeRun(chained, woken.snapshot, { type: 'WEBHOOK_DONE', visit: 4, response: second })!;
    expect(done.context.webhooks).toEqual([response, { ...second, data: '' }]);
  });

  it('fails the run when a webhook fails and no failure edge exists', () => {
    const { failed } = failAtWebhook();
    expect(failed.status).toBe('failed');
    expect(failed.context.lastError).toEqual({ nodeId: 'h', message: 'HTTP 500' });
  });

  it('puts a run that failed at a webhook back on it, with a new visit and a new webhook effect', () => {
    const { woken, failed } = failAtWebhook();
    expect(retryAtNode(machine, failed.snapshot, 'w')).toBeNull();
    expect(retryAtNode(machine, woken.snapshot, 'h')).toBeNull();
    const again = retryAtNode(machine, JSON.parse(JSON.stringify(failed.snapshot)), 'h')!;
    expect(again).toMatchObject({
      status: 'running',
      nodeId: 'h',
      effects: [{ type: 'webhook', nodeId: 'h', visit: 5 }],
    });
    expect(again.context.lastError).toBeNull();
    const done = resumeRun(machine, again.snapshot, {
      type: 'WEBHOOK_DONE',
      visit: 5,
      response: { nodeId: 'h', status: 200, headers: {}, data: '', json: undefined },
    });
    expect(done?.status).toBe('completed');
  });

  it('merges set attributes into the customer that a later condition reads', () => {
    const upgrade = machineOf(
      [
        trigger,
        { id: 's', type: 'set-attributes', config: { attributes: [{ key: 'plan', value: 'pro' }] } },
        proOnly,
        { id: 'w', type: 'wait', config: { mode: 'duration', seconds: 2 } },
      ],
      ['t>s', 's>c', 'c:yes>w'],
    );
    const first = startRun(upgrade, { triggerNodeId: 't', customer: { id: 'c1', plan: 'free' }, event });
    expect(first.effects).toEqual([{ type: 'attributes', nodeId: 's', visit: 2 }]);
    expect(resumeRun(upgrade, first.snapshot, { type: 'ATTRIBUTES_SET', visit: 1, values: {} })).toBeNull();
    const set = resumeRun(upgrade, first.snapshot, {
      type: 'ATTRIBUTES_SET',
      visit: 2,
      values: { plan: 'pro', score: 3 },
    });
    expect(set?.context.customer).toEqual({ id: 'c1', plan: 'pro', score: 3 });
    expect(set?.nodeId).toBe('w');
    expect(set?.entered.map((entered) => entered.nodeId)).toEqual(['c', 'w']);
  });
});
