import type { ValidationIssue } from '../../../engine/scenario/index.ts';
import { nodeFieldLabel, nodeKind, nodeName } from '../nodes/node-names.ts';
import type { FlowEdge, FlowNode } from '../store/flow-types.ts';
import { cleanMessage } from '../webhook/template-diagnostics.ts';

/** An issue in the words of the canvas: the node's name and kind, the field's label. */
export interface IssueWords {
  /** The node's name as its card shows it, or what the issue is about (a connection, the scenario). */
  subject: string;
  /** The node's kind (`Webhook`), when the subject is a node. */
  kind: string | null;
  field: string | null;
  message: string;
}

/**
 * Words a server issue (which names nodes and fields by id and path, for machines) the way the
 * canvas and the inspector name them. Ids the canvas no longer has are shown as they are.
 */
export function issueWords(
  issue: ValidationIssue,
  graph: { nodes: FlowNode[]; edges: FlowEdge[] },
): IssueWords {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const name = (id: string) => {
    const node = byId.get(id);
    return node ? nodeName({ type: node.type, label: node.data.label, config: node.data.config }) : `“${id}”`;
  };
  const node = issue.nodeId ? byId.get(issue.nodeId) : undefined;
  const message = issue.loop
    ? `loop without a wait node: ${issue.loop.map(name).join(' → ')}`
    : cleanMessage(issue.message);
  if (issue.nodeId) {
    return {
      subject: name(issue.nodeId),
      kind: node ? nodeKind({ type: node.type }) : null,
      field: issue.field ? nodeFieldLabel(node?.type, issue.field) : null,
      message,
    };
  }
  if (issue.edgeId) {
    const edge = graph.edges.find((candidate) => candidate.id === issue.edgeId);
    const subject = edge ? `Connection ${name(edge.source)} → ${name(edge.target)}` : 'A connection';
    return { subject, kind: null, field: null, message };
  }
  return { subject: 'Scenario', kind: null, field: issue.field ?? null, message };
}
