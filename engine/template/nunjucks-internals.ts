import nunjucks from 'nunjucks';

/**
 * Typed access to the parts of Nunjucks this module builds on that @types/nunjucks leaves out:
 * the parser, the compiler class, the AST node classes and the runtime helpers. They are stable
 * in Nunjucks 3.x (package.json pins ^3.2.4); tests fail loudly if an upgrade moves them.
 */

/** A node of Nunjucks' template AST. */
export interface AstNode {
  readonly typename: string;
  readonly fields: readonly string[];
  readonly lineno: number;
  readonly colno: number;
  readonly [field: string]: unknown;
}

/** Nunjucks' run-time scope: variables of loops, macros and `set`. */
export interface Frame {
  topLevel: boolean;
  /** This scope's own variables (a prototype-less object); `loop` of a `for` lives here. */
  readonly variables: Record<string, unknown>;
  lookup(name: string): unknown;
  set(name: string, value: unknown, resolveUp?: boolean): void;
  push(isolateWrites?: boolean): Frame;
}

export type RenderCallback = (error: unknown, output?: string) => void;

/** The function a compiled template exposes as `root` (Nunjucks' generated signature). */
export type RootRender = (
  ...args: [env: object, context: object, frame: Frame, runtime: object, cb: RenderCallback]
) => void;

/** The code generator; `SandboxCompiler` overrides some of its `compile*` methods. */
export interface CompilerInstance {
  buffer: string;
  compile(node: AstNode, frame?: unknown): void;
  getCode(): string;
  _emit(code: string): void;
  _emitLine(code: string): void;
  _compileExpression(node: AstNode, frame: unknown): void;
  _compileAggregate(node: AstNode, frame: unknown, startChar?: string, endChar?: string): void;
  _getNodeName(node: AstNode): string;
  _emitLoopBindings(node: AstNode, arr: string, i: string, len: string): void;
  assertType(node: AstNode, ...types: unknown[]): void;
  compileOutput(node: AstNode, frame: unknown): void;
  compileLookupVal(node: AstNode, frame: unknown): void;
  compileSet(node: AstNode, frame: unknown): void;
}

export type CompilerClass = new (templateName: string, throwOnUndefined: boolean) => CompilerInstance;

export interface SafeStringInstance {
  readonly val: string;
  readonly length: number;
}

type Macro = (...args: unknown[]) => unknown;

interface NunjucksRuntime {
  Frame: new () => Frame;
  SafeString: new (value: string) => SafeStringInstance;
  makeMacro(argNames: string[], kwargNames: string[], func: Macro): Macro;
  makeKeywordArgs(obj: object): object;
  copySafeness(dest: unknown, target: unknown): unknown;
  markSafe(value: unknown): unknown;
  fromIterator(value: unknown): unknown;
  isArray(value: unknown): boolean;
  keys(value: unknown): string[];
}

/** A token of Nunjucks' lexer. */
export interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

/** Nunjucks' lexer over one source. */
export interface Tokenizer {
  readonly str: string;
  readonly index: number;
  readonly tags: { VARIABLE_START: string; COMMENT_START: string; COMMENT_END: string };
  forwardN(count: number): void;
}

/** The recursive-descent parser; `SandboxParser` replaces two of its methods. */
export interface ParserInstance {
  tokens: Tokenizer;
  extensions: readonly object[];
  dropLeadingWhitespace: boolean;
  nextToken(withWhitespace?: boolean): Token | null;
  peekToken(): Token | null;
  parseStatement(): AstNode | null;
  parseExpression(): AstNode;
  advanceAfterBlockEnd(name?: string): Token;
  advanceAfterVariableEnd(): void;
  parseAsRoot(): AstNode;
  parseFor(): AstNode;
  parsePostfix(node: AstNode): AstNode;
  parseSignature(tolerant?: boolean, noParens?: boolean): AstNode;
  skip(type: string): boolean;
  fail(message: string, lineno?: number, colno?: number): never;
  parseNodes(): AstNode[];
  parseRaw(tagName?: string): AstNode;
}

export type NodeClass = new (lineno: number, colno: number, ...fields: unknown[]) => AstNode;

interface NodeBaseClass {
  /** Nunjucks' way to declare a node type: a subclass named `typename` with these child fields. */
  extend(typename: string, props: { fields: readonly string[] }): NodeClass;
}

interface NunjucksInternals {
  compiler: { Compiler: CompilerClass };
  parser: { Parser: new (tokens: Tokenizer) => ParserInstance };
  lexer: { lex(source: string, opts: object): Tokenizer } & Record<`TOKEN_${string}`, string>;
  nodes: {
    Node: NodeBaseClass;
    Output: NodeClass;
    TemplateData: NodeClass;
    Literal: NodeClass;
    LookupVal: NodeClass;
    FunCall: NodeClass;
  };
  runtime: NunjucksRuntime;
}

const internals = nunjucks as unknown as NunjucksInternals;

export const NunjucksCompiler: CompilerClass = internals.compiler.Compiler;
export const NunjucksParser = internals.parser.Parser;
export const lex = internals.lexer.lex;
export const TOKEN = {
  data: internals.lexer.TOKEN_DATA!,
  blockStart: internals.lexer.TOKEN_BLOCK_START!,
  variableStart: internals.lexer.TOKEN_VARIABLE_START!,
  comment: internals.lexer.TOKEN_COMMENT!,
  symbol: internals.lexer.TOKEN_SYMBOL!,
  regex: internals.lexer.TOKEN_REGEX!,
  operator: internals.lexer.TOKEN_OPERATOR!,
  leftParen: internals.lexer.TOKEN_LEFT_PAREN!,
  leftBracket: internals.lexer.TOKEN_LEFT_BRACKET!,
  rightBracket: internals.lexer.TOKEN_RIGHT_BRACKET!,
  colon: internals.lexer.TOKEN_COLON!,
};
export const astNodes = internals.nodes;
export const nunjucksRuntime: NunjucksRuntime = internals.runtime;
export const SafeString = internals.runtime.SafeString;

export function isSafeString(value: unknown): value is SafeStringInstance {
  return value instanceof SafeString;
}

/** True for values that are AST nodes (node fields also hold strings, booleans and arrays). */
export function isAstNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).typename === 'string';
}

/**
 * Nunjucks' own environment, used only as the source of its stock filters and tests (an empty
 * loader list: the default would be a file-system loader rooted at ./views).
 */
export const stockEnvironment = new nunjucks.Environment([], { autoescape: false });

export type FilterFunction = (this: unknown, ...args: unknown[]) => unknown;

export function stockFilter(name: string): FilterFunction {
  return stockEnvironment.getFilter(name) as FilterFunction;
}

export function stockTests(): Record<string, FilterFunction> {
  return { ...(stockEnvironment as unknown as { tests: Record<string, FilterFunction> }).tests };
}
