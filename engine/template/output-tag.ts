import type { AstNode } from './nunjucks-internals.ts';
import { cappedJoin } from './text-size.ts';
import { tojson } from './filters/json-filters.ts';
import { isSafeString } from './nunjucks-internals.ts';

type NodeClass = new (...args: unknown[]) => AstNode;

/** The slice of Nunjucks' parser and node classes a tag needs (untyped upstream). */
interface TagParser {
  nextToken(): { value: string; lineno: number; colno: number };
  peekToken(): { value: string; lineno: number; colno: number } | null;
  parseExpression(): AstNode;
  skipSymbol(name: string): boolean;
  advanceAfterBlockEnd(name: string): void;
  fail(message: string, lineno?: number, colno?: number): never;
}

interface TagNodes {
  Literal: NodeClass;
  NodeList: NodeClass;
  CallExtension: NodeClass;
}

/** Customer outputs are text; anything else in the list is written as JSON. */
const itemText = (item: unknown): string =>
  typeof item === 'string' ? item : isSafeString(item) ? item.val : tojson(item);

/**
 * `{% output customers separated by ',\n ' %}` — the batch root template's tag from the seed:
 * writes the list's items (the rendered customer templates) joined by the separator, whose
 * escape sequences (\n, \t, \r) Nunjucks' string literals already honour. Without
 * `separated by`, items are joined with ",".
 */
export class OutputTag {
  readonly tags = ['output'];
  /** Nunjucks compiles the tag to `env.getExtension(__name).run(…)`. */
  readonly __name = 'output';

  parse(parser: TagParser, nodes: TagNodes): AstNode {
    const tag = parser.nextToken();
    const list = parser.parseExpression();
    let separator: AstNode = new nodes.Literal(tag.lineno, tag.colno, ',');
    if (parser.skipSymbol('separated')) {
      if (!parser.skipSymbol('by')) {
        const next = parser.peekToken();
        parser.fail('output: expected "by" after "separated"', next?.lineno, next?.colno);
      }
      separator = parser.parseExpression();
    }
    parser.advanceAfterBlockEnd(tag.value);
    const args = new nodes.NodeList(tag.lineno, tag.colno, [list, separator]);
    return new nodes.CallExtension(this, 'run', args, []);
  }

  run(_context: unknown, list: unknown, separator: unknown): string {
    if (list === undefined || list === null) return '';
    const items = Array.isArray(list) ? list : [list];
    return cappedJoin(items, itemText(separator ?? ','), itemText);
  }
}
