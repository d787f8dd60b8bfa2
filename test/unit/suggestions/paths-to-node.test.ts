import { describe, expect, it } from 'vitest';
import { upstreamOf } from '../../../editor/src/suggestions/paths-to-node.ts';
import type { FlowNode, Graph } from '../../../editor/src/store/flow-types.ts';

const node = (id: string, type: string, config: Record<string, unknown> = {}) =>
  ({ id, type, position: { x: 0, y: 0 }, data: { config } }) as FlowNode;
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

describe('what a node reads of the nodes before it', () => {
  // start → a → check → b → end, and check → end directly: `end` has one or two webhooks before it.
  const graph: Graph = {
    nodes: [
      node('start', 'trigger.event', { eventType: 'purchase' }),
      node('other', 'trigger.event', { eventType: 'signup' }),
      node('a', 'webhook'),
      node('check', 'condition'),
      node('b', 'webhook'),
      node('end', 'end'),
    ],
    edges: [
      edge('start', 'a'),
      edge('other', 'check'),
      edge('a', 'check'),
      edge('check', 'b'),
      edge('b', 'end'),
      edge('check', 'end'),
    ],
  };

  it('places the webhooks of every path: webhook(n) may be several nodes, webhook the last of each path', () => {
    const view = upstreamOf(graph, 'end');
    expect(view.eventTypes.sort()).toEqual(['purchase', 'signup']);
    expect(view.lastWebhooks.sort()).toEqual(['a', 'b']);
    expect(view.webhooksAt.map((ids) => ids.sort())).toEqual([['a', 'b'], ['b']]);
  });

  it('leaves the node itself out, and gives a trigger its own type only', () => {
    expect(upstreamOf(graph, 'b')).toEqual({
      eventTypes: expect.arrayContaining(['purchase', 'signup']),
      lastWebhooks: ['a'],
      webhooksAt: [['a']],
    });
    expect(upstreamOf(graph, 'start')).toEqual({
      eventTypes: ['purchase'],
      lastWebhooks: [],
      webhooksAt: [],
    });
  });

  it('stops on a loop instead of walking it forever', () => {
    const looped: Graph = { nodes: graph.nodes, edges: [...graph.edges, edge('b', 'check')] };
    expect(upstreamOf(looped, 'check').lastWebhooks.sort()).toEqual(['a', 'b']);
  });
});
