import { XMLValidator } from 'fast-xml-parser';
import { extractParameters, substituteParameters } from '../template/template-parameters.ts';

/** Why a body is not well-formed in its format, and where when the parser says. */
export interface BodyProblem {
  message: string;
  /** 1-based, in the text as its author wrote it. */
  line?: number;
  column?: number;
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * Why `text` is not JSON, and at which offset when the parser says. The parser's own mention of
 * the position, or of the whole text, is left out: callers say where in the words of their text.
 */
function jsonError(text: string): { reason: string; offset?: number } | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    const offset = /at position (\d+)/.exec(message)?.[1];
    const reason = message
      .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?/, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    return offset === undefined ? { reason } : { reason, offset: Number(offset) };
  }
}

/** Why `text` is not JSON (with where, and the text around it), or null. */
export function jsonProblem(text: string): BodyProblem | null {
  const error = jsonError(text);
  if (!error) return null;
  if (error.offset === undefined) return { message: `not valid JSON: ${error.reason}` };
  const at = lineAndColumn(text, error.offset);
  const near = text.slice(Math.max(0, error.offset - 30), error.offset + 30);
  return {
    message: `not valid JSON: ${error.reason} (line ${at.line}, column ${at.column}) near «${near}»`,
    ...at,
  };
}

/** Why `text` is not well-formed XML, and at which offset. */
function xmlError(text: string): { reason: string; offset: number } | null {
  const result = XMLValidator.validate(text);
  if (result === true) return null;
  const { msg, line, col } = result.err;
  const lines = text.split('\n').slice(0, Math.max(0, line - 1));
  const offset = lines.reduce((sum, before) => sum + before.length + 1, 0) + Math.max(0, col - 1);
  return { reason: msg, offset };
}

/** Why `text` is not well-formed XML (with where), or null. */
export function xmlProblem(text: string): BodyProblem | null {
  const error = xmlError(text);
  if (!error) return null;
  const at = lineAndColumn(text, error.offset);
  return { message: `not well-formed XML: ${error.reason} (line ${at.line}, column ${at.column})`, ...at };
}

/** Template code whose output shape only a render can tell: tags and comments. */
const TAGS = /\{[%#]/;
/** An expression, or a span that may be a `[[ parameter ]]` (substituteParameters decides). */
const STAND_INS = /\{\{[\s\S]*?\}\}|\[\[(?:(?!\]\])[^\n])*\]\]/g;

/** A body with its template code replaced, and a way back from its offsets to the body's. */
interface Judged {
  text: string;
  original: (offset: number) => number;
}

function replaceTemplateCode(body: string, filled: Record<string, unknown>, stand: string): Judged {
  const spans: { from: number; to: number; at: number; length: number }[] = [];
  let text = '';
  let last = 0;
  for (const match of body.matchAll(STAND_INS)) {
    const replacement = match[0].startsWith('{{') ? stand : substituteParameters(match[0], filled);
    text += body.slice(last, match.index) + replacement;
    spans.push({
      from: match.index,
      to: match.index + match[0].length,
      at: text.length - replacement.length,
      length: replacement.length,
    });
    last = match.index + match[0].length;
  }
  text += body.slice(last);
  const original = (offset: number) => {
    let shift = 0;
    for (const span of spans) {
      if (offset < span.at) break;
      // Inside a stand-in: the template code it stands for.
      if (offset < span.at + span.length) return span.from;
      shift = span.to - (span.at + span.length);
    }
    return offset + shift;
  };
  return { text, original };
}

/**
 * Why a JSON or XML body template can never render to its format, judged before any run. Every
 * `{{ expression }}`, and every `[[ parameter ]]` without a value or default, stands for a value
 * (`0` in JSON, `x` in XML), which fits both a bare value and the inside of a string. A body with
 * `{% tags %}` or `{# comments #}` is left to the render, whose output its loops and conditions
 * shape; so is one whose parameters contradict each other (reported on their own).
 */
export function staticBodyProblem(
  body: string,
  format: 'json' | 'xml' | 'text',
  values: Readonly<Record<string, unknown>> = {},
): BodyProblem | null {
  if (format === 'text' || body.trim() === '' || TAGS.test(body)) return null;
  const stand = format === 'json' ? '0' : 'x';
  let declared;
  try {
    declared = extractParameters(body);
  } catch {
    return null;
  }
  // A value given wins, then the declared default, then the stand-in.
  const filled = Object.fromEntries(
    declared.map(({ name, default: fallback }) => {
      const given = Object.hasOwn(values, name) ? values[name] : undefined;
      const blank = given === undefined || given === null || given === '';
      return [name, blank ? (fallback ?? stand) : given];
    }),
  );
  const judged = replaceTemplateCode(body, filled, stand);
  const error = format === 'json' ? jsonError(judged.text) : xmlError(judged.text);
  if (!error) return null;
  const kind = format === 'json' ? 'valid JSON' : 'well-formed XML';
  if (error.offset === undefined) return { message: `not ${kind}: ${error.reason}` };
  const at = lineAndColumn(body, judged.original(error.offset));
  return { message: `not ${kind}: ${error.reason} (line ${at.line}, column ${at.column})`, ...at };
}
