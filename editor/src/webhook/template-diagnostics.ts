import type { Diagnostic } from '@codemirror/lint';

const CLOSERS: Record<string, string> = { '{{': '}}', '{%': '%}', '{#': '#}' };

/**
 * Turns a server template message into an editor diagnostic. Nunjucks-style messages carry
 * `[Line 3, Column 14]`; without one, the first tag left open is marked (the usual mistake),
 * else the first line.
 */
export function templateDiagnostic(doc: string, message: string): Diagnostic {
  const located = /Line\s+(\d+),\s*Column\s+(\d+)/i.exec(message);
  const range = located
    ? rangeAt(doc, Number(located[1]), Number(located[2]))
    : (unclosedTag(doc) ?? rangeAt(doc, 1, 1));
  return { ...range, severity: 'error', message: cleanMessage(message) };
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

/** The first `{{`, `{%` or `{#` whose closer is missing or comes after the next opener. */
export function unclosedTag(doc: string): { from: number; to: number } | null {
  const openers = [...doc.matchAll(/\{\{|\{%|\{#/g)];
  for (const [index, match] of openers.entries()) {
    const from = match.index;
    const closer = doc.indexOf(CLOSERS[match[0]]!, from + 2);
    const nextOpener = openers[index + 1]?.index ?? Infinity;
    if (closer === -1 || closer > nextOpener) {
      const lineEnd = doc.indexOf('\n', from);
      return { from, to: lineEnd === -1 ? doc.length : lineEnd };
    }
  }
  return null;
}

/** Drops the `(unknown path)` noise Nunjucks puts in front of messages about inline templates. */
export function cleanMessage(message: string): string {
  return message
    .replace(/\(unknown path\)\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
