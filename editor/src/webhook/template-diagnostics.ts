import type { Diagnostic } from '@codemirror/lint';
import type { TemplateIssue } from '../api/api-types.ts';

/**
 * The server's template error as an inline mark, from the line and column it reports to the end
 * of that line. Errors without a position (the parser ran into the end of the text) get no mark,
 * only the message under the editor: a guessed place would mislead more than none.
 */
export function templateDiagnostic(doc: string, issue: TemplateIssue): Diagnostic | null {
  if (!issue.line) return null;
  return {
    ...rangeAt(doc, issue.line, issue.column ?? 1),
    severity: 'error',
    message: cleanMessage(issue.message),
  };
}

/** From a 1-based line and column to the end of that line. */
function rangeAt(doc: string, line: number, column: number): { from: number; to: number } {
  const lines = doc.split('\n');
  const index = Math.min(Math.max(line - 1, 0), lines.length - 1);
  let start = 0;
  for (let at = 0; at < index; at += 1) start += (lines[at]?.length ?? 0) + 1;
  const length = lines[index]?.length ?? 0;
  const from = start + Math.min(Math.max(column - 1, 0), length);
  // A parser that stops at the end of the line points past the text: mark the whole line then.
  return from < start + length ? { from, to: start + length } : { from: start, to: start + length };
}

/** Drops the `(unknown path)` noise Nunjucks puts in front of messages about inline templates. */
export function cleanMessage(message: string): string {
  return message
    .replace(/\(unknown path\)\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
