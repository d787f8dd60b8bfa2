import type { ScenarioDefinition } from './scenario-schema.ts';

/** JSON with object keys sorted at every depth, so key order never makes two values differ. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonical(child)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function behaviour(definition: ScenarioDefinition): string {
  const nodes = definition.nodes
    .map((node) => canonical({ id: node.id, type: node.type, label: node.label ?? '', config: node.config }))
    .sort();
  const edges = definition.edges
    .map((edge) => canonical([edge.source, edge.sourceHandle, edge.target]))
    .sort();
  return `${nodes.join('\n')}\n--\n${edges.join('\n')}`;
}

/**
 * Whether two validated definitions run customers the same way: the same nodes (type, label,
 * settings) joined the same way. Where nodes sit on the canvas, their order and edge ids do not
 * count: publishing a draft that differs only in those makes no new version.
 */
export function sameDefinition(a: ScenarioDefinition, b: ScenarioDefinition): boolean {
  return behaviour(a) === behaviour(b);
}
