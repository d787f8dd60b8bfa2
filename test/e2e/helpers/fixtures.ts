/** Scenario definitions the browser tests load through the API. */

export const trigger = (id: string, eventType = 'signup', position = { x: 0, y: 0 }) => ({
  id,
  type: 'trigger.event',
  position,
  config: { eventType, conditions: { rules: [] } },
});

export const webhook = (id: string, config: Record<string, unknown>, position = { x: 0, y: 160 }) => ({
  id,
  type: 'webhook',
  position,
  config: {
    method: 'POST',
    url: '',
    headers: [],
    body: '',
    format: 'json',
    responseFormat: 'json',
    timeoutMs: 10_000,
    ...config,
  },
});

export const edge = (source: string, target: string, sourceHandle = 'out') => ({
  id: `${source}-${sourceHandle}-${target}`,
  source,
  target,
  sourceHandle,
});

const CYCLE = ['condition', 'wait', 'webhook'] as const;

/**
 * A trigger followed by `count - 1` nodes in a tall tree of conditions, waits and webhooks,
 * laid out in rows: the shape of a big real scenario, for the open-time measurement.
 */
export function largeDefinition(count: number) {
  const nodes: Record<string, unknown>[] = [trigger('n0', 'signup', { x: 0, y: 0 })];
  const edges: ReturnType<typeof edge>[] = [];
  for (let index = 1; index < count; index += 1) {
    const type = CYCLE[index % CYCLE.length]!;
    const id = `n${index}`;
    const position = { x: (index % 12) * 280, y: Math.floor(index / 12) * 170 + 170 };
    const config =
      type === 'condition'
        ? { rules: [{ field: 'event.properties.plan', criteria: 'equals', value: `p${index}`, join: 'and' }] }
        : type === 'wait'
          ? { mode: 'duration', seconds: 60 * index }
          : {
              method: 'POST',
              url: `https://example.com/hooks/${index}`,
              headers: [],
              body: '{"id":"{{ customer.id }}"}',
              format: 'json',
              responseFormat: 'json',
              timeoutMs: 10_000,
            };
    nodes.push({ id, type, position, config });
    const parent = Math.floor((index - 1) / 2);
    const parentType = parent === 0 ? 'trigger.event' : CYCLE[parent % CYCLE.length];
    const handle =
      parentType === 'condition'
        ? index % 2
          ? 'yes'
          : 'no'
        : parentType === 'webhook'
          ? index % 2
            ? 'success'
            : 'failure'
          : 'out';
    if (!edges.some((existing) => existing.source === `n${parent}` && existing.sourceHandle === handle))
      edges.push(edge(`n${parent}`, id, handle));
  }
  return { nodes, edges };
}
