import { nodeError } from './ast-error.ts';
import { isNumeric } from './guarded-operators.ts';
import { FORBIDDEN_MEMBERS } from './member-access.ts';
import { isAstNode, type AstNode } from './nunjucks-internals.ts';
import { formatArity, parseFormat } from './python-format.ts';
import type { TemplateError } from './template-error.ts';

/**
 * Save-time checks of Jinja forms whose mistakes show in the template text, so that they are
 * reported when the scenario is saved rather than when a run renders them.
 */

/**
 * `{% set %}` assigns to names, or (one at a time) to an attribute of a namespace variable,
 * `ns.total`, as in Jinja. Nunjucks would compile anything else into broken code.
 */
export function checkSetTargets(node: AstNode): void {
  const targets = Array.isArray(node.targets) ? node.targets.filter(isAstNode) : [];
  if (targets.length === 0) throw nodeError(node, 'syntax', '{% set %} needs a variable name before =');
  for (const target of targets) {
    if (target.typename === 'Symbol') continue;
    if (target.typename !== 'LookupVal') {
      throw nodeError(
        target,
        'syntax',
        '{% set %} needs a variable name or a namespace attribute (ns.total) before =',
      );
    }
    if (targets.length > 1)
      throw nodeError(target, 'syntax', '{% set %} sets one namespace attribute at a time');
    const { target: owner, val: key } = target;
    if (!isAstNode(owner) || owner.typename !== 'Symbol') {
      throw nodeError(
        target,
        'syntax',
        '{% set %} can set an attribute of a namespace variable (ns.total), not a nested one',
      );
    }
    if (!isAstNode(key) || key.typename !== 'Literal' || typeof key.value !== 'string') {
      throw nodeError(
        target,
        'syntax',
        '{% set %} sets a namespace attribute by its name (ns.total), not by an index',
      );
    }
    if (FORBIDDEN_MEMBERS.has(key.value))
      throw nodeError(key, 'forbidden', `templates cannot set "${key.value}"`);
  }
}

/** How many values a `%` right-hand side written in the template gives, when that is known. */
function valuesGiven(right: unknown): { count: number; collection: boolean } | undefined {
  if (!isAstNode(right)) return undefined;
  if (right.typename === 'Group' && Array.isArray(right.children)) {
    const items: unknown[] = right.children;
    return items.length === 1 ? valuesGiven(items[0]) : { count: items.length, collection: false };
  }
  if (right.typename === 'Literal') return { count: 1, collection: false };
  // A list or dict is one value, and Python lets it go unused.
  if (right.typename === 'Array' || right.typename === 'Dict') return { count: 1, collection: true };
  return undefined;
}

/** Parses a literal format, turning a bad one into a save-time error at the literal. */
function literalFormat(node: unknown): ReturnType<typeof formatArity> | undefined {
  if (!isAstNode(node) || node.typename !== 'Literal' || typeof node.value !== 'string') return undefined;
  try {
    return formatArity(parseFormat(node.value));
  } catch (error) {
    throw nodeError(node, 'syntax', (error as TemplateError).reason);
  }
}

function checkArity(node: AstNode, format: ReturnType<typeof formatArity>, given: number): void {
  if (format.named || format.positional === given) return;
  const takes = `${format.positional} value${format.positional === 1 ? '' : 's'}`;
  throw nodeError(node, 'syntax', `the format ${JSON.stringify(node.value)} takes ${takes}, ${given} given`);
}

/** `"literal %s" % values`: the format must parse and, when the values are written out, match them. */
export function checkFormatOperator(node: AstNode): void {
  const { left, right } = node;
  const format = literalFormat(left);
  const given = valuesGiven(right);
  if (format === undefined || given === undefined || !isAstNode(left)) return;
  // Text that is a number stays a remainder (`"10" % 3`, guarded-operators.ts).
  if (isNumeric(String(left.value))) return;
  if (given.collection && format.positional <= 1) return;
  checkArity(left, format, given.count);
}

/** `"literal %s" | format(a, b)`: values or name=value pairs (not both), as many as the format takes. */
export function checkFormatFilter(node: AstNode): void {
  const list = isAstNode(node.args) && Array.isArray(node.args.children) ? node.args.children : [];
  const [input, ...args] = list.filter(isAstNode);
  const named = args.at(-1)?.typename === 'KeywordArgs';
  if (named && args.length > 1) {
    throw nodeError(node, 'syntax', 'format takes values or name=value pairs, not both');
  }
  const format = literalFormat(input);
  if (format !== undefined && !named) checkArity(input!, format, args.length);
}
