type NodeClass = new (...args: unknown[]) => unknown;

/** The slice of Nunjucks' AST node classes a tag extension needs (they are untyped upstream). */
interface Nodes {
  Literal: NodeClass;
  NodeList: NodeClass;
  CallExtension: NodeClass;
}

interface Parser {
  nextToken(): { value: string };
  parseSignature(): unknown;
  parsePrimary(): unknown;
  skipSymbol(name: string): boolean;
  advanceAfterBlockEnd(name: string): void;
  peekToken(): { value: string; lineno: number; colno: number };
  fail(message: string, line?: number, column?: number): never;
}

/**
 * `{% output customers separated by ',\n ' %}`: writes the batch's rendered customer strings
 * joined by the separator (the seed's batch root template syntax).
 */
export class OutputTag {
  readonly tags = ['output'];

  parse(parser: Parser, nodes: Nodes) {
    const token = parser.nextToken();
    const list = parser.parsePrimary();
    let separator: unknown = new nodes.Literal(token.value.length, 0, ',');
    if (parser.skipSymbol('separated')) {
      if (!parser.skipSymbol('by')) {
        const next = parser.peekToken();
        parser.fail('output: expected "by" after "separated"', next.lineno, next.colno);
      }
      separator = parser.parsePrimary();
    }
    parser.advanceAfterBlockEnd(token.value);
    const args = new nodes.NodeList(0, 0, [list, separator]);
    return new nodes.CallExtension(this, 'run', args, []);
  }

  run(_context: unknown, list: unknown, separator: unknown): string {
    return Array.isArray(list) ? list.map(String).join(String(separator)) : String(list ?? '');
  }
}
