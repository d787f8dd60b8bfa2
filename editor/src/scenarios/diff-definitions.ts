/** Differences between two scenario definitions, node by node and field by field. */

interface DiffNode {
  id: string;
  type: string;
  label?: string;
  position?: { x: number; y: number };
  config?: unknown;
}

interface DiffEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
}

export interface DefinitionLike {
  nodes: readonly DiffNode[];
  edges: readonly DiffEdge[];
}

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface DefinitionDiff {
  added: DiffNode[];
  removed: DiffNode[];
  changed: { node: DiffNode; changes: FieldChange[] }[];
  /** Nodes whose only difference is their place on the canvas. */
  moved: DiffNode[];
  edgesAdded: DiffEdge[];
  edgesRemoved: DiffEdge[];
}

export function diffDefinitions(before: DefinitionLike, after: DefinitionLike): DefinitionDiff {
  const old = new Map(before.nodes.map((node) => [node.id, node]));
  const next = new Map(after.nodes.map((node) => [node.id, node]));
  const diff: DefinitionDiff = {
    added: [],
    removed: [],
    changed: [],
    moved: [],
    edgesAdded: [],
    edgesRemoved: [],
  };
  for (const node of after.nodes) if (!old.has(node.id)) diff.added.push(node);
  for (const node of before.nodes) if (!next.has(node.id)) diff.removed.push(node);
  for (const node of after.nodes) {
    const previous = old.get(node.id);
    if (!previous) continue;
    const changes = fieldChanges(
      { type: previous.type, label: previous.label ?? '', config: previous.config ?? {} },
      { type: node.type, label: node.label ?? '', config: node.config ?? {} },
    );
    if (changes.length > 0) diff.changed.push({ node, changes });
    else if (!samePosition(previous.position, node.position)) diff.moved.push(node);
  }
  const edgeKey = (edge: DiffEdge) => `${edge.source}\u0000${edge.sourceHandle ?? 'out'}\u0000${edge.target}`;
  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  diff.edgesAdded = after.edges.filter((edge) => !oldEdges.has(edgeKey(edge)));
  diff.edgesRemoved = before.edges.filter((edge) => !newEdges.has(edgeKey(edge)));
  return diff;
}

export function isEmptyDiff(diff: DefinitionDiff): boolean {
  return (
    diff.added.length +
      diff.removed.length +
      diff.changed.length +
      diff.edgesAdded.length +
      diff.edgesRemoved.length ===
    0
  );
}

function samePosition(a?: { x: number; y: number }, b?: { x: number; y: number }): boolean {
  return Math.round(a?.x ?? 0) === Math.round(b?.x ?? 0) && Math.round(a?.y ?? 0) === Math.round(b?.y ?? 0);
}

/** Flattens both sides to dotted paths (`config.headers.0.value`) and compares leaf values. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const left = flatten(before);
  const right = flatten(after);
  const paths = new Set([...left.keys(), ...right.keys()]);
  const changes: FieldChange[] = [];
  for (const path of [...paths].sort()) {
    const a = left.get(path);
    const b = right.get(path);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ path, before: a, after: b });
  }
  return changes;
}

function flatten(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  const isContainer = value !== null && typeof value === 'object';
  const entries = isContainer ? Object.entries(value as object) : [];
  if (!isContainer || entries.length === 0) {
    into.set(prefix, value);
    return into;
  }
  for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  return into;
}
