import type { z } from 'zod';
import { OUTPUT_HANDLES, isTriggerType } from './handles.ts';
import type { NodeType } from './node-schemas.ts';
import {
  DraftDefinitionSchema,
  type Edge,
  type ScenarioDefinition,
  ScenarioDefinitionSchema,
} from './scenario-schema.ts';
import { nodeIssues, type ScenarioChecks } from './node-issues.ts';
import type { TemplatedNode } from './templated-fields.ts';
import type { ValidationIssue } from './validation-issue.ts';

export type { ScenarioChecks, TemplateChecker } from './node-issues.ts';

export type ValidationResult =
  | { ok: true; definition: ScenarioDefinition; issues: [] }
  | { ok: false; definition?: ScenarioDefinition; issues: ValidationIssue[] };

/** What the graph rules read of a definition: node ids and types, and the edges. */
interface GraphShape {
  nodes: readonly (TemplatedNode & { id: string; type: NodeType })[];
  edges: readonly Edge[];
}

/**
 * Checks a scenario definition the way activation needs it: node fields, graph rules (a trigger,
 * reachability, no dangling edge, no loop without a wait), templates, parameter values and
 * written-out webhook URLs, every problem at once. A node whose fields fail its schema still takes
 * part in the graph rules and has its templates checked; only a graph whose ids, types or edges
 * cannot be read stops at the field problems.
 */
export function validateScenario(raw: unknown, checks: ScenarioChecks): ValidationResult {
  const parsed = ScenarioDefinitionSchema.safeParse(raw);
  if (parsed.success) {
    const definition = parsed.data;
    const issues = [
      ...graphIssues(definition),
      ...definition.nodes.flatMap((node) => nodeIssues(node, checks)),
    ];
    return issues.length === 0 ? { ok: true, definition, issues: [] } : { ok: false, definition, issues };
  }
  const fieldIssues = zodIssues(parsed.error, raw);
  const shape = DraftDefinitionSchema.safeParse(raw);
  if (!shape.success) return { ok: false, issues: fieldIssues };
  return {
    ok: false,
    issues: [
      ...fieldIssues,
      ...graphIssues(shape.data),
      ...shape.data.nodes.flatMap((node) => nodeIssues(node, checks)),
    ],
  };
}

/** Maps zod paths like `nodes.3.config.url` to the node's id and the field inside it. */
export function zodIssues(error: z.ZodError, raw: unknown): ValidationIssue[] {
  return error.issues.map((issue) => {
    const [collection, index, ...rest] = issue.path;
    if ((collection === 'nodes' || collection === 'edges') && typeof index === 'number') {
      const id = idAt(raw, collection, index);
      const key = collection === 'nodes' ? 'nodeId' : 'edgeId';
      const field = rest.join('.') || undefined;
      return { [key]: id ?? `#${index + 1}`, ...(field ? { field } : {}), message: issue.message };
    }
    return { field: issue.path.join('.') || undefined, message: issue.message };
  });
}

function idAt(raw: unknown, collection: string, index: number): string | undefined {
  const list = (raw as Record<string, unknown> | null)?.[collection];
  const item = Array.isArray(list) ? (list[index] as { id?: unknown } | undefined) : undefined;
  return typeof item?.id === 'string' ? item.id : undefined;
}

type GraphNode = GraphShape['nodes'][number];

function graphIssues(definition: GraphShape): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const nodes = new Map<string, GraphNode>();
  for (const node of definition.nodes) {
    if (nodes.has(node.id)) issues.push({ nodeId: node.id, message: 'two nodes share this id' });
    nodes.set(node.id, node);
  }
  const triggers = definition.nodes.filter((node) => isTriggerType(node.type));
  if (triggers.length === 0) issues.push({ message: 'a scenario needs at least one trigger node' });
  issues.push(...edgeIssues(definition, nodes));
  // Without a trigger every node would be unreachable: the missing trigger says it all.
  if (triggers.length > 0) issues.push(...reachabilityIssues(definition, triggers));
  issues.push(...loopIssues(definition, nodes));
  return issues;
}

function edgeIssues(definition: GraphShape, nodes: Map<string, GraphNode>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const usedOutputs = new Set<string>();
  for (const edge of definition.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source) issues.push({ edgeId: edge.id, message: `starts at unknown node "${edge.source}"` });
    if (!target) issues.push({ edgeId: edge.id, message: `ends at unknown node "${edge.target}"` });
    if (!source || !target) continue;
    if (!OUTPUT_HANDLES[source.type].includes(edge.sourceHandle)) {
      const allowed = OUTPUT_HANDLES[source.type].join(', ') || 'none';
      issues.push({
        nodeId: source.id,
        edgeId: edge.id,
        message: `has no output "${edge.sourceHandle}" (outputs: ${allowed})`,
      });
    }
    if (isTriggerType(target.type)) {
      issues.push({ nodeId: target.id, edgeId: edge.id, message: 'a trigger cannot have incoming edges' });
    }
    const output = `${edge.source}\u0000${edge.sourceHandle}`;
    if (usedOutputs.has(output)) {
      issues.push({
        nodeId: source.id,
        edgeId: edge.id,
        message: `output "${edge.sourceHandle}" is connected more than once`,
      });
    }
    usedOutputs.add(output);
  }
  return issues;
}

function reachabilityIssues(definition: GraphShape, triggers: GraphNode[]): ValidationIssue[] {
  const next = adjacency(definition);
  const seen = new Set(triggers.map((node) => node.id));
  const queue = [...seen];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const target of next.get(id) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return definition.nodes
    .filter((node) => !seen.has(node.id))
    .map((node) => ({ nodeId: node.id, message: 'is not reachable from any trigger' }));
}

/** A loop must pass through a wait node, otherwise one customer would spin forever. */
function loopIssues(definition: GraphShape, nodes: Map<string, GraphNode>): ValidationIssue[] {
  const next = adjacency(definition);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const issues: ValidationIssue[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const target of next.get(id) ?? []) {
      if (nodes.get(target)?.type === 'wait') continue;
      if (state.get(target) === 'open') {
        const loop = [...stack.slice(stack.indexOf(target)), target];
        issues.push({ nodeId: target, loop, message: `loop without a wait node: ${loop.join(' → ')}` });
      } else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const node of definition.nodes) if (!state.has(node.id) && node.type !== 'wait') visit(node.id);
  return issues;
}

function adjacency(definition: GraphShape): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const edge of definition.edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  return next;
}
