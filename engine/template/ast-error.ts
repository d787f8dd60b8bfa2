import type { AstNode } from './nunjucks-internals.ts';
import { TemplateError, type TemplateErrorCode } from './template-error.ts';

/** A save-time error placed at `node` (Nunjucks counts lines and columns from 0). */
export function nodeError(node: AstNode, code: TemplateErrorCode, reason: string): TemplateError {
  return new TemplateError(code, reason, { line: node.lineno + 1, column: node.colno + 1 });
}
