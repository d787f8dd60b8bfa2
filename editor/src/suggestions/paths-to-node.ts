import type { Graph } from '../store/flow-types.ts';

/** What a node can read of the nodes before it, over every path that reaches it. */
export interface UpstreamView {
  /** Event types of the event triggers that start paths to the node (its own, for a trigger). */
  eventTypes: string[];
  /** Webhook nodes that may be the last before the node: what `webhook.` reads. */
  lastWebhooks: string[];
  /** Webhook nodes by their place on a path to the node: `[n - 1]` is what `webhook(n).` reads. */
  webhooksAt: string[][];
}

/** Paths walked back from a node at most: a wide graph still answers at once. */
const MAX_PATHS = 200;

/**
 * Walks the paths from the triggers to `nodeId` (back along the edges, each node once per path),
 * and says which event types start them and which webhook nodes come at which place on them:
 * `webhook(2)` is the second webhook a run passed, so its fields come from the node(s) second on
 * some path.
 */
export function upstreamOf(graph: Graph, nodeId: string): UpstreamView {
  const incoming = new Map<string, string[]>();
  for (const edge of graph.edges)
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const eventTypes = new Set<string>();
  const last = new Set<string>();
  const at: Set<string>[] = [];
  let paths = 0;
  // Each entry: the path so far, from `nodeId` back to the node last reached (newest last).
  const stack: string[][] = [[nodeId]];
  while (stack.length > 0 && paths < MAX_PATHS) {
    const path = stack.pop()!;
    const head = path.at(-1)!;
    const sources = (incoming.get(head) ?? []).filter((source) => !path.includes(source));
    if (sources.length > 0) {
      for (const source of sources) stack.push([...path, source]);
      continue;
    }
    paths += 1;
    const start = byId.get(head);
    if (start?.type === 'trigger.event') {
      const type = start.data.config['eventType'];
      if (typeof type === 'string' && type.trim()) eventTypes.add(type.trim());
    }
    // The path from its start to the node, the node itself left out.
    const before = path.slice(1).reverse();
    const webhooks = before.filter((id) => byId.get(id)?.type === 'webhook');
    webhooks.forEach((id, index) => (at[index] ??= new Set()).add(id));
    if (webhooks.length > 0) last.add(webhooks.at(-1)!);
  }
  return {
    eventTypes: [...eventTypes],
    lastWebhooks: [...last],
    webhooksAt: at.map((ids) => [...ids]),
  };
}
