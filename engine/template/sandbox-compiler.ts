import {
  astNodes,
  NunjucksCompiler,
  type AstNode,
  type CompilerInstance,
  type RootRender,
} from './nunjucks-internals.ts';
import type { SandboxEnvironment } from './sandbox-environment.ts';
import { SANDBOX_NODE_TYPES } from './sandbox-nodes.ts';
import { parseTemplate } from './sandbox-parser.ts';
import { TemplateError } from './template-error.ts';
import { toTemplateError } from './to-template-error.ts';
import { validateAst } from './validate-ast.ts';

/** Statements before which the compiled code records its position, for error messages. */
const POSITIONED = new Set(['Output', 'For', 'Set', 'If', 'Switch', 'CallExtension']);

const children = (node: AstNode): AstNode[] => (node.children as AstNode[] | undefined) ?? [];
const isData = (node: AstNode): boolean => node.typename === 'TemplateData';
const nullLiteral = (at: AstNode): AstNode => new astNodes.Literal(at.lineno, at.colno, null);

/**
 * Nunjucks' code generator with the sandbox's hooks: string building (`+`, `~`, list literals)
 * and output go through size checks, every loop iteration charges the budget, and the name of a
 * called function is emitted as a proper JSON string literal (Nunjucks escapes only quotes there).
 * Jinja semantics Nunjucks lacks go through runtime hooks too: `%` (formatting or Python modulo),
 * tuples, slices, the `loop` variable, one-name loops over dicts and `{% set ns.attr = … %}`.
 */
class SandboxCompiler extends NunjucksCompiler {
  // Nunjucks' own method: its list of expression node types does not know the sandbox's.
  override assertType(node: AstNode, ...types: unknown[]): void {
    if (SANDBOX_NODE_TYPES.some((type) => node instanceof type)) return;
    super.assertType(node, ...types);
  }

  override compile(node: AstNode, frame?: unknown): void {
    if (POSITIONED.has(node.typename)) {
      const at = node.typename === 'Output' ? (children(node).find((child) => !isData(child)) ?? node) : node;
      this._emitLine(`lineno = ${at.lineno}; colno = ${at.colno};`);
    }
    super.compile(node, frame);
  }

  override compileOutput(node: AstNode, frame: unknown): void {
    super.compileOutput(node, frame);
    if (children(node).some((child) => !isData(child))) {
      this._emitLine(`runtime.checkOutput(${this.buffer}.length);`);
    }
  }

  /** One runtime call sets `loop` (with Jinja's previtem, nextitem, cycle) and charges the iteration. */
  // Nunjucks' own method, so it keeps Nunjucks' four parameters.
  // eslint-disable-next-line max-params
  override _emitLoopBindings(_node: AstNode, arr: string, i: string, len: string): void {
    this._emitLine(`runtime.loopBindings(frame, ${arr}, ${i}, ${len}, ${this.buffer}.length);`);
  }

  compileLoopItems(node: AstNode, frame: unknown): void {
    this.emitCall('runtime.loopItems', [node.value as AstNode], frame);
  }

  override compileLookupVal(node: AstNode, frame: unknown): void {
    const key = node.val as AstNode;
    if (key.typename !== 'Slice') return super.compileLookupVal(node, frame);
    const bound = (part: unknown) => (part as AstNode | null) ?? nullLiteral(key);
    this.emitCall(
      'runtime.slice',
      [node.target as AstNode, bound(key.start), bound(key.stop), bound(key.step)],
      frame,
    );
  }

  compileMod(node: AstNode, frame: unknown): void {
    this.emitCall('runtime.mod', [node.left as AstNode, node.right as AstNode], frame);
  }

  /** `(a, b)` is a Jinja tuple (JavaScript would evaluate it as a comma expression: `b`). */
  compileGroup(node: AstNode, frame: unknown): void {
    if (children(node).length === 1) return this._compileAggregate(node, frame, '(', ')');
    this._emit('runtime.tuple(');
    this._compileAggregate(node, frame, '[', ']');
    this._emit(')');
  }

  /** `{% set ns.attr = … %}` (validate-ast allows it with one target only); `{% set name = … %}` stays Nunjucks'. */
  override compileSet(node: AstNode, frame: unknown): void {
    const [target] = node.targets as AstNode[];
    if (target?.typename !== 'LookupVal') return super.compileSet(node, frame);
    this._emit('runtime.setAttribute(');
    this._compileExpression(target.target as AstNode, frame);
    this._emit(`, ${JSON.stringify((target.val as AstNode).value)}, `);
    if (node.value) this._compileExpression(node.value as AstNode, frame);
    else this.compile(node.body as AstNode, frame);
    this._emitLine(');');
  }

  compileAdd(node: AstNode, frame: unknown): void {
    this.emitCall('runtime.add', [node.left as AstNode, node.right as AstNode], frame);
  }

  compileConcat(node: AstNode, frame: unknown): void {
    this.emitCall('runtime.concat', [node.left as AstNode, node.right as AstNode], frame);
  }

  compileArray(node: AstNode, frame: unknown): void {
    this._emit('runtime.list(');
    this._compileAggregate(node, frame, '[', ']');
    this._emit(')');
  }

  compileFunCall(node: AstNode, frame: unknown): void {
    const callee = node.name as AstNode;
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, runtime.callWrap(`);
    this._compileExpression(callee, frame);
    this._emit(`, ${JSON.stringify(displayName(this, callee))}, context, `);
    this._compileAggregate(node.args as AstNode, frame, '[', '])');
    this._emit(')');
  }

  private emitCall(fn: string, args: AstNode[], frame: unknown): void {
    this._emit(`${fn}(`);
    args.forEach((arg, index) => {
      if (index > 0) this._emit(', ');
      this.compile(arg, frame);
    });
    this._emit(')');
  }
}

/** How error messages name a called expression (`webhook`, `x["y"]`, ...). */
function displayName(compiler: CompilerInstance, node: AstNode): string {
  try {
    return compiler._getNodeName(node);
  } catch {
    return 'the expression';
  }
}

/**
 * Parses, checks and compiles a template into its root render function. Every error is a
 * TemplateError: 'syntax' with line/column for mistakes, 'forbidden' for what the sandbox refuses.
 * Nunjucks' AST transformer is skipped on purpose: it only rewrites async filters, async tags and
 * `super()` in blocks, all of which validateAst refuses, so for accepted templates it is a no-op.
 */
export function compileTemplate(source: string, env: SandboxEnvironment): RootRender {
  let ast: AstNode;
  try {
    ast = parseTemplate(source, env.extensionsList);
    validateAst(ast, env);
  } catch (error) {
    throw atEndWhenUnplaced(toTemplateError(error, 'syntax'), source);
  }
  try {
    const compiler = new SandboxCompiler('template', false);
    compiler.compile(ast);
    const factory = new Function(compiler.getCode()) as () => { root: RootRender };
    return factory().root;
  } catch (error) {
    throw toTemplateError(error, 'syntax');
  }
}

/**
 * Nunjucks gives no position when the text ends mid-tag (its token is the end of input); point at
 * the end of the text, which is where the author has to continue typing.
 */
function atEndWhenUnplaced(error: TemplateError, source: string): TemplateError {
  if (error.code !== 'syntax' || error.line !== undefined) return error;
  const lines = source.split('\n');
  return new TemplateError('syntax', `${error.reason} at the end of the template`, {
    line: lines.length,
    column: (lines.at(-1)?.length ?? 0) + 1,
  });
}
