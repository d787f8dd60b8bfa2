/** One problem found in a scenario, precise enough for the editor to select the node and field. */
export interface ValidationIssue {
  /** The node at fault, when there is one. */
  nodeId?: string;
  /** The edge at fault, when there is one. */
  edgeId?: string;
  /** Dotted path of the field inside the node, e.g. `config.url`. */
  field?: string;
  /** For a loop without a wait: the ids of its nodes in order, back to the first. */
  loop?: string[];
  message: string;
}

export function describeIssue(issue: ValidationIssue): string {
  const where = [
    issue.nodeId && `node "${issue.nodeId}"`,
    issue.edgeId && `edge "${issue.edgeId}"`,
    issue.field,
  ]
    .filter(Boolean)
    .join(' ');
  return where ? `${where}: ${issue.message}` : issue.message;
}
