/** Why a template could not be compiled or rendered. */
export type TemplateErrorCode = 'syntax' | 'render' | 'limit' | 'forbidden';

/** A template problem with a message a template author can act on, and where it is when known. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  readonly code: TemplateErrorCode;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: TemplateErrorCode, message: string, position: { line?: number; column?: number } = {}) {
    const where = position.line ? ` (line ${position.line}, column ${position.column ?? 0})` : '';
    super(`${message}${where}`);
    this.code = code;
    this.line = position.line;
    this.column = position.column;
  }
}
