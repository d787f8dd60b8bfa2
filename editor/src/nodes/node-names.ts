import { recordOf } from '../inspector/config-values.ts';
import { fieldLabel } from './field-labels.ts';
import { nodeSpec } from './registry.ts';

/** A node as far as naming goes. */
export interface NamedNode {
  type?: string;
  label?: string;
  config?: unknown;
}

/** What the node's card says in large type: its label, else its summary, else its kind. */
export function nodeName(node: NamedNode): string {
  const spec = nodeSpec(node.type);
  const summary = spec ? spec.summary(recordOf(node.config)) : '';
  return node.label || summary || spec?.title || 'Node';
}

/** The node's kind, e.g. `Webhook`. */
export function nodeKind(node: NamedNode): string {
  return nodeSpec(node.type)?.title ?? 'Node';
}

/** The label of a field of a node, as its inspector form shows it. */
export function nodeFieldLabel(type: string | undefined, path: string): string {
  return fieldLabel(nodeSpec(type)?.fieldLabels, path);
}
