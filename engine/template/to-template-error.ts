import { TemplateError, type TemplateErrorCode } from './template-error.ts';

/** Nunjucks' own error type carries a 1-based position when its parser or compiler failed. */
interface NunjucksError {
  message: string;
  lineno?: number;
  colno?: number;
}

/**
 * Turns anything thrown while compiling or rendering into a TemplateError. `fallback` is the code
 * for errors that are not ours (Nunjucks parse errors become 'syntax', failures inside a render
 * 'render'); a stack overflow or an oversized string becomes 'limit'.
 */
export function toTemplateError(error: unknown, fallback: TemplateErrorCode): TemplateError {
  if (error instanceof TemplateError) return error;
  if (error instanceof RangeError) return rangeError(error, fallback);
  const { message = String(error), lineno, colno } = (error ?? {}) as NunjucksError;
  const reason = cleanMessage(message) || 'the template is invalid';
  return typeof lineno === 'number' && lineno > 0
    ? new TemplateError(fallback, reason, { line: lineno, column: typeof colno === 'number' ? colno : 1 })
    : new TemplateError(fallback, reason);
}

function rangeError(error: RangeError, fallback: TemplateErrorCode): TemplateError {
  if (/call stack/i.test(error.message)) {
    return fallback === 'syntax'
      ? new TemplateError('syntax', 'the template nests expressions or tags too deeply')
      : new TemplateError('limit', 'the template recurses too deeply (limit maxCallDepth)', {
          limit: 'maxCallDepth',
        });
  }
  if (/invalid (string|array) length/i.test(error.message)) {
    return new TemplateError(
      'limit',
      'the template builds a value that is far too large (limit maxOutputBytes)',
      {
        limit: 'maxOutputBytes',
      },
    );
  }
  return new TemplateError(fallback, error.message);
}

/** Drops Nunjucks' internal prefixes ("parseSignature: ", "(unknown path)") from a message. */
function cleanMessage(message: string): string {
  return message
    .replace(/\(unknown path\)/g, '')
    .replace(/\[Line \d+, Column \d+\]/g, '')
    .replace(/\b(parse|compile)\w*: /g, '')
    .replace(/^\s*(Template render error:\s*)?/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
