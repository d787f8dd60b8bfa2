import { astNodes, type NodeClass } from './nunjucks-internals.ts';

/**
 * Node types the sandbox parser adds to Nunjucks' AST for Jinja syntax that Nunjucks lacks.
 * They are subclasses made with Nunjucks' own `Node.extend`, so the AST walk in validate-ast.ts
 * sees their children like any other node's; the compiler emits one runtime hook for each.
 */

/** `items[start:stop:step]`: each part is an expression or null when left out. */
export const Slice = astNodes.Node.extend('Slice', { fields: ['start', 'stop', 'step'] });

/** What a one-name `{% for x in value %}` walks: a dict gives its keys, as in Jinja. */
export const LoopItems = astNodes.Node.extend('LoopItems', { fields: ['value'] });

/** The node types above, which the compiler accepts wherever an expression may stand. */
export const SANDBOX_NODE_TYPES: readonly NodeClass[] = [Slice, LoopItems];
