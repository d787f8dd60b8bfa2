import { FORBIDDEN_MEMBERS } from './member-access.ts';
import { isAstNode, type AstNode } from './nunjucks-internals.ts';
import type { SandboxEnvironment } from './sandbox-environment.ts';
import { TemplateError, type TemplateErrorCode } from './template-error.ts';

/**
 * A name safe to paste into generated JavaScript. Nunjucks copies variable, filter and test
 * names into its compiled code without escaping, and its lexer accepts `"` and backquotes in
 * names, so `{{ a"&&Function`...``&&" }}` would run arbitrary code before any runtime check.
 */
const NAME = /^[\p{L}_$][\p{L}\p{Nd}_$]*$/u;

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
 * Tags that load another template. There is no loader behind this environment, so they are
 * refused when the template is saved rather than failing at send time. Extension point: to let
 * templates use webhook presets as partials, give the environment a loader over an explicit
 * in-memory map of preset sources, and accept here only names present in that map.
 */
const TEMPLATE_REFERENCES: Readonly<Record<string, string>> = {
  Include: 'include',
  Import: 'import',
  FromImport: 'from … import',
  Extends: 'extends',
};

const UNSUPPORTED: Readonly<Record<string, string>> = {
  Block: '{% block %} is not available: templates cannot extend one another',
  IfAsync: '{% ifAsync %} is not available: use {% if %}',
  AsyncEach: '{% asyncEach %} is not available: use {% for %}',
  AsyncAll: '{% asyncAll %} is not available: use {% for %}',
};

/** Refuses, before any code is generated, what the sandbox does not allow; throws TemplateError. */
export function validateAst(root: AstNode, env: SandboxEnvironment): void {
  // An explicit stack rather than recursion: a deeply nested template must not overflow it.
  const pending: AstNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const children = checkNode(node, env);
    // Reversed, so the first problem in reading order is the one reported.
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index]!);
  }
}

/** Checks one node and returns the children still to check. */
function checkNode(node: AstNode, env: SandboxEnvironment): AstNode[] {
  const reference = TEMPLATE_REFERENCES[node.typename];
  if (reference) {
    fail(
      node,
      'forbidden',
      `{% ${reference} %} is not available: templates cannot include, import or extend other templates`,
    );
  }
  const unsupported = UNSUPPORTED[node.typename];
  if (unsupported) fail(node, 'syntax', unsupported);
  switch (node.typename) {
    case 'Symbol':
      checkName(node, String(node.value));
      return [];
    case 'Literal':
      if (node.value instanceof RegExp)
        fail(node, 'forbidden', 'regular expressions are not available in templates');
      return [];
    case 'LookupVal':
      checkMemberKey(node.val);
      break;
    case 'Pair':
      checkMemberKey(node.key);
      break;
    case 'Filter':
      checkCallee(node.name as AstNode, 'filter', (name) => env.hasFilter(name));
      return [node.args as AstNode];
    case 'Is':
      return checkTest(node, env);
  }
  return childNodes(node);
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

function checkCallee(nameNode: AstNode, kind: 'filter' | 'test', exists: (name: string) => boolean): void {
  const name = String(nameNode.value);
  if (exists(name)) return;
  checkName(nameNode, name);
  fail(nameNode, 'syntax', `unknown ${kind} "${name}"`);
}

/** `x is odd` has a Symbol on the right, `x is divisibleby(3)` a call. */
function checkTest(node: AstNode, env: SandboxEnvironment): AstNode[] {
  const right = node.right as AstNode;
  const isCall = right.typename === 'FunCall';
  checkCallee(isCall ? (right.name as AstNode) : right, 'test', (name) => env.hasTest(name));
  return isCall ? [node.left as AstNode, right.args as AstNode] : [node.left as AstNode];
}

function childNodes(node: AstNode): AstNode[] {
  const found: AstNode[] = [];
  for (const field of node.fields) {
    const value = node[field];
    if (Array.isArray(value)) found.push(...value.filter(isAstNode));
    else if (isAstNode(value)) found.push(value);
  }
  return found;
}

function fail(node: AstNode, code: TemplateErrorCode, reason: string): never {
  throw new TemplateError(code, reason, { line: node.lineno + 1, column: node.colno + 1 });
}
