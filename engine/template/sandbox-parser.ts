import { astNodes, lex, NunjucksParser, TOKEN, type AstNode, type Token } from './nunjucks-internals.ts';
import { LoopItems, Slice } from './sandbox-nodes.ts';
import { TemplateError } from './template-error.ts';
import { NAME } from './validate-ast.ts';

/**
 * Nunjucks' parser with two methods rewritten to run in linear time. Nunjucks trims text before
 * a `{%-` tag with `/\s*$/` and finds the end of `{% raw %}` by re-running a lazy regular
 * expression from every position; both take quadratic time on crafted input (a 100 kB template
 * blocked the process for seconds), and templates are parsed synchronously when a scenario is
 * saved. The replacements behave the same, except that an unclosed `{% raw %}` is an error
 * instead of silently swallowing the template's end.
 *
 * Every token passes `nextToken` (peeking included), so that is where names are checked: a
 * symbol token that is not a plain identifier is refused before any node, tag extension or code
 * generator sees it, and so is a regular-expression literal.
 *
 * Two Jinja forms Nunjucks' parser lacks are added: slices (`items[1:4]`, `text[::-1]`, as
 * `Slice` nodes) and one-name loops over a dict's keys (`{% for k in dict %}`, through `LoopItems`).
 */
class SandboxParser extends NunjucksParser {
  override nextToken(withWhitespace?: boolean): Token | null {
    const token = super.nextToken(withWhitespace);
    if (token?.type === TOKEN.symbol && !NAME.test(token.value)) {
      throw refusedToken(token, `"${token.value}" is not a valid name: use letters, digits and _`);
    }
    if (token?.type === TOKEN.regex) {
      throw refusedToken(token, 'regular expressions are not available in templates');
    }
    return token;
  }

  /** Nunjucks' postfix parsing (calls, `.name`, `[index]`), with `[start:stop:step]` slices. */
  override parsePostfix(node: AstNode): AstNode {
    let target = node;
    for (let token = this.peekToken(); token; token = this.peekToken()) {
      if (token.type === TOKEN.leftParen) {
        target = new astNodes.FunCall(token.lineno, token.colno, target, this.parseSignature());
      } else if (token.type === TOKEN.leftBracket) {
        target = new astNodes.LookupVal(token.lineno, token.colno, target, this.parseSubscript());
      } else if (token.type === TOKEN.operator && token.value === '.') {
        this.nextToken();
        const name = this.nextToken();
        if (name?.type !== TOKEN.symbol) {
          this.fail(`expected a name after ".", got ${name?.value ?? 'the end'}`, name?.lineno, name?.colno);
        }
        const key = new astNodes.Literal(name.lineno, name.colno, name.value);
        target = new astNodes.LookupVal(token.lineno, token.colno, target, key);
      } else break;
    }
    return target;
  }

  /** `[index]` or `[start:stop:step]` (each part optional); the `[` is the next token. */
  private parseSubscript(): AstNode {
    const open = this.nextToken()!;
    const parts: (AstNode | null)[] = [null];
    for (;;) {
      const token = this.peekToken();
      if (!token) this.fail('expected "]" to close "["', open.lineno, open.colno);
      if (this.skip(TOKEN.rightBracket)) break;
      if (this.skip(TOKEN.colon)) {
        parts.push(null);
        if (parts.length > 3)
          this.fail('a slice has at most three parts: [start:stop:step]', token.lineno, token.colno);
      } else if (parts.at(-1) === null) {
        parts[parts.length - 1] = this.parseExpression();
      } else {
        this.fail('expected "]" or ":" in a subscript', token.lineno, token.colno);
      }
    }
    if (parts.length > 1) return new Slice(open.lineno, open.colno, ...parts);
    if (parts[0] === null) this.fail('expected an index between "[" and "]"', open.lineno, open.colno);
    return parts[0]!;
  }

  /** A one-name loop walks `LoopItems` of its value, so a dict gives its keys, as in Jinja. */
  override parseFor(): AstNode {
    const loop = super.parseFor();
    const value = loop.arr as AstNode;
    if ((loop.name as AstNode).typename === 'Symbol') {
      (loop as unknown as { arr: AstNode }).arr = new LoopItems(value.lineno, value.colno, value);
    }
    return loop;
  }

  override parseNodes(): AstNode[] {
    const nodes: AstNode[] = [];
    for (let token = this.nextToken(); token; token = this.nextToken()) {
      if (token.type === TOKEN.data) nodes.push(this.textNode(token));
      else if (token.type === TOKEN.blockStart) {
        this.dropLeadingWhitespace = false;
        const statement = this.parseStatement();
        if (!statement) break;
        nodes.push(statement);
      } else if (token.type === TOKEN.variableStart) {
        const expression = this.parseExpression();
        this.dropLeadingWhitespace = false;
        this.advanceAfterVariableEnd();
        nodes.push(new astNodes.Output(token.lineno, token.colno, [expression]));
      } else if (token.type === TOKEN.comment) {
        const end = token.value.length - this.tokens.tags.COMMENT_END.length - 1;
        this.dropLeadingWhitespace = token.value.charAt(end) === '-';
      } else {
        this.fail(`Unexpected token at top-level: ${token.type}`, token.lineno, token.colno);
      }
    }
    return nodes;
  }

  /** Text between tags, trimmed where a neighbouring tag asks for it with `-`. */
  private textNode(token: Token): AstNode {
    let text = token.value;
    if (this.dropLeadingWhitespace) {
      text = text.trimStart();
      this.dropLeadingWhitespace = false;
    }
    if (this.trimsBefore(this.peekToken())) text = text.trimEnd();
    const data = new astNodes.TemplateData(token.lineno, token.colno, text);
    return new astNodes.Output(token.lineno, token.colno, [data]);
  }

  /** `{%-`, `{{-` and `{#-` trim the whitespace before them. */
  private trimsBefore(next: Token | null): boolean {
    if (!next) return false;
    const { tags } = this.tokens;
    if (next.type === TOKEN.blockStart) return next.value.endsWith('-');
    if (next.type === TOKEN.variableStart) return next.value.charAt(tags.VARIABLE_START.length) === '-';
    return next.type === TOKEN.comment && next.value.charAt(tags.COMMENT_START.length) === '-';
  }

  override parseRaw(tagName = 'raw'): AstNode {
    const begun = this.advanceAfterBlockEnd();
    // Same tag syntax Nunjucks recognises: `{% raw %}` / `{% endraw %}` without whitespace control.
    const tags = new RegExp(`{%\\s*(${tagName}|end${tagName})\\s*%}`, 'g');
    const { str: source, index: start } = this.tokens;
    tags.lastIndex = start;
    let depth = 1;
    let match: RegExpExecArray | null = null;
    while (depth > 0 && (match = tags.exec(source))) depth += match[1] === tagName ? 1 : -1;
    if (!match || depth > 0)
      this.fail(`{% ${tagName} %} is not closed by {% end${tagName} %}`, begun.lineno, begun.colno);
    this.tokens.forwardN(match.index + match[0].length - start);
    const text = new astNodes.TemplateData(begun.lineno, begun.colno, source.slice(start, match.index));
    return new astNodes.Output(begun.lineno, begun.colno, [text]);
  }
}

function refusedToken(token: Token, reason: string): TemplateError {
  return new TemplateError('forbidden', reason, { line: token.lineno + 1, column: token.colno + 1 });
}

/** Parses a template into Nunjucks' AST, with the given tag extensions. */
export function parseTemplate(source: string, extensions: readonly object[]): AstNode {
  const parser = new SandboxParser(lex(source, {}));
  parser.extensions = extensions;
  return parser.parseAsRoot();
}
