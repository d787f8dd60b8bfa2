import { nodeError } from './ast-error.ts';
import { checkFormatFilter, checkFormatOperator, checkSetTargets } from './jinja-checks.ts';
import { FORBIDDEN_MEMBERS } from './member-access.ts';
import { isAstNode, type AstNode } from './nunjucks-internals.ts';
import type { SandboxEnvironment } from './sandbox-environment.ts';
import type { TemplateErrorCode } from './template-error.ts';

/**
 * A name safe to paste into generated JavaScript. Nunjucks copies variable, filter and test
 * names into its compiled code without escaping, and its lexer accepts `"` and backquotes in
 * names, so `{{ a"&&Function`...``&&" }}` would run arbitrary code before any runtime check.
 * The parser refuses every symbol token that is not such a name (`sandbox-parser.ts`); the AST
 * walk checks again, so a node built by a tag extension cannot carry one either.
 */
export const NAME = /^[\p{L}_$][\p{L}\p{Nd}_$]*$/u;

/** Variable names that only a sandbox escape would want: refused outright with a clear message. */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  ...FORBIDDEN_MEMBERS,
  'process',
  'require',
  'module',
  'exports',
  'global',
  'globalThis',
  'Function',
  'eval',
  'import',
  'Buffer',
]);

/**
 * Every node type the sandbox compiles. Anything else is refused, so a node type this list does
 * not know (a new Nunjucks version's, an async variant) fails closed instead of slipping through.
 */
const ALLOWED: ReadonlySet<string> = new Set([
  'Root',
  'NodeList',
  'Output',
  'TemplateData',
  'Literal',
  'Symbol',
  'Group',
  'Array',
  'Dict',
  'Pair',
  'KeywordArgs',
  'LookupVal',
  'If',
  'InlineIf',
  'For',
  'Macro',
  'Caller',
  'FunCall',
  'Filter',
  'Set',
  'Capture',
  'Switch',
  'Case',
  'In',
  'Is',
  'Or',
  'And',
  'Not',
  'Add',
  'Concat',
  'Sub',
  'Mul',
  'Div',
  'FloorDiv',
  'Mod',
  'Pow',
  'Neg',
  'Pos',
  'Compare',
  'CompareOperand',
  'CallExtension',
  // The sandbox parser's own (sandbox-nodes.ts).
  'Slice',
  'LoopItems',
]);

/** Why a refused node type is refused, in the author's terms. */
const REFUSED: Readonly<Record<string, [TemplateErrorCode, string]>> = {
  Include: ['forbidden', 'include'],
  Import: ['forbidden', 'import'],
  FromImport: ['forbidden', 'from … import'],
  Extends: ['forbidden', 'extends'],
  Block: ['syntax', '{% block %} is not available: templates cannot extend one another'],
  IfAsync: ['syntax', '{% ifAsync %} is not available: use {% if %}'],
  AsyncEach: ['syntax', '{% asyncEach %} is not available: use {% for %}'],
  AsyncAll: ['syntax', '{% asyncAll %} is not available: use {% for %}'],
};

const LOADER_MESSAGE = (tag: string) =>
  `{% ${tag} %} is not available: templates cannot include, import or extend other templates`;

/**
 * Refuses, before any code is generated, what the sandbox does not allow; throws TemplateError.
 * Every child of every node is visited, whichever property holds it (a `{% set %}` block keeps
 * its body outside the node's declared fields), so nothing can hide from the checks.
 */
export function validateAst(root: AstNode, env: SandboxEnvironment): void {
  // An explicit stack rather than recursion: a deeply nested template must not overflow it.
  const pending: AstNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    checkNode(node, env);
    const children = childNodes(node);
    // Reversed, so the first problem in reading order is the one reported.
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index]!);
  }
}

/** Checks one node on its own; its children are checked when the walk reaches them. */
function checkNode(node: AstNode, env: SandboxEnvironment): void {
  if (!ALLOWED.has(node.typename)) refuseType(node);
  switch (node.typename) {
    case 'Symbol':
      checkName(node, String(node.value));
      return;
    case 'Literal':
      if (node.value instanceof RegExp)
        fail(node, 'forbidden', 'regular expressions are not available in templates');
      return;
    case 'LookupVal':
      checkMemberKey(node.val);
      return;
    case 'Pair':
      checkMemberKey(node.key);
      return;
    case 'Filter':
      checkCallee(node, node.name, 'filter', (name) => env.hasFilter(name));
      if ((node.name as AstNode).value === 'format') checkFormatFilter(node);
      return;
    case 'Set':
      checkSetTargets(node);
      return;
    case 'Mod':
      checkFormatOperator(node);
      return;
    case 'Is':
      checkTest(node, env);
      return;
    case 'CallExtension':
      if (!env.getExtension(String(node.extName))) fail(node, 'forbidden', 'unknown tag');
  }
}

function refuseType(node: AstNode): never {
  const refused = REFUSED[node.typename];
  if (!refused) fail(node, 'forbidden', `${node.typename} is not available in templates`);
  const [code, reason] = refused;
  fail(node, code, code === 'forbidden' ? LOADER_MESSAGE(reason) : reason);
}

function checkName(node: AstNode, name: string): void {
  if (!NAME.test(name)) {
    fail(node, 'forbidden', `"${name}" is not a valid name: use letters, digits and _`);
  }
  if (FORBIDDEN_NAMES.has(name)) fail(node, 'forbidden', `templates cannot use "${name}"`);
}

/** `x.constructor`, `x["__proto__"]` and `{ "__proto__": … }` written literally. */
function checkMemberKey(key: unknown): void {
  if (isAstNode(key) && typeof key.value === 'string' && FORBIDDEN_MEMBERS.has(key.value)) {
    fail(key, 'forbidden', `templates cannot read "${key.value}"`);
  }
}

// eslint-disable-next-line max-params -- the node, its name and what kind of callee it names
function checkCallee(
  node: AstNode,
  nameNode: unknown,
  kind: 'filter' | 'test',
  exists: (name: string) => boolean,
): void {
  if (!isAstNode(nameNode)) fail(node, 'syntax', `a ${kind} needs a name`);
  const name = String(nameNode.value);
  checkName(nameNode, name);
  if (!exists(name)) fail(nameNode, 'syntax', `unknown ${kind} "${name}"`);
}

/** `x is odd` has a Symbol on the right, `x is divisibleby(3)` a call. */
function checkTest(node: AstNode, env: SandboxEnvironment): void {
  const right = node.right;
  const callee = isAstNode(right) && right.typename === 'FunCall' ? right.name : right;
  checkCallee(node, callee, 'test', (name) => env.hasTest(name));
}

/**
 * Every node held by any own property of `node`, alone or in a list, in property order.
 * Filter and test names are Symbols and are visited too: checkName refuses nothing a real
 * filter or test is called, and FORBIDDEN_NAMES has no filter or test in it.
 */
function childNodes(node: AstNode): AstNode[] {
  const found: AstNode[] = [];
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) found.push(...value.filter(isAstNode));
    else if (isAstNode(value)) found.push(value);
  }
  return found;
}

function fail(node: AstNode, code: TemplateErrorCode, reason: string): never {
  throw nodeError(node, code, reason);
}
