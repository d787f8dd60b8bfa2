/** Why a template could not be compiled or rendered. */
export type TemplateErrorCode = 'syntax' | 'render' | 'limit' | 'forbidden';

/** The budget a `limit` error ran out of (see TemplateLimits). */
export type TemplateLimitName = 'timeoutMs' | 'maxOutputBytes' | 'maxLoopIterations' | 'maxCallDepth';

export interface TemplateErrorDetails {
  /** 1-based position in the template source, when known. */
  line?: number;
  column?: number;
  /** For code 'limit': which budget was exceeded. */
  limit?: TemplateLimitName;
}

/**
 * The one error every template problem becomes. `message` is written for the template's author
 * and ends with `(line 3, column 14)` when the position is known (the editor marks that spot).
 *
 * @example
 * try { engine.compile('{{ x | nope }}') } catch (e) { if (e instanceof TemplateError) e.code } // 'syntax'
 */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  readonly code: TemplateErrorCode;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly limit: TemplateLimitName | undefined;
  /** The message without the position suffix. */
  readonly reason: string;

  constructor(code: TemplateErrorCode, reason: string, details: TemplateErrorDetails = {}) {
    super(
      details.line === undefined ? reason : `${reason} (line ${details.line}, column ${details.column ?? 1})`,
    );
    this.code = code;
    this.reason = reason;
    this.line = details.line;
    this.column = details.column;
    this.limit = details.limit;
  }

  /** The same error placed at a position, unless it already has one. */
  at(line: number, column: number): TemplateError {
    if (this.line !== undefined) return this;
    return new TemplateError(this.code, this.reason, {
      line,
      column,
      ...(this.limit ? { limit: this.limit } : {}),
    });
  }
}
