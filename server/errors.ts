import type { ValidationIssue } from '../engine/scenario/index.ts';

const STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  store_unavailable: 503,
  /** A part of the server other than the store did not answer in time (the cluster primary). */
  unavailable: 503,
  storage_full: 507,
} as const;

export type ErrorCode = keyof typeof STATUS;

/** Every code an answer's `error.code` can hold (the API docs list them). */
export const ERROR_CODES = Object.keys(STATUS) as ErrorCode[];

export const statusOf = (code: ErrorCode): number => STATUS[code];

/** The one error type routes throw; the app's error handler turns it into `{ error: {...} }`. */
export class HookflowError extends Error {
  override readonly name = 'HookflowError';
  readonly code: ErrorCode;
  readonly issues: ValidationIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: ValidationIssue[]) {
    super(message);
    this.code = code;
    this.issues = issues;
  }

  get status(): number {
    return statusOf(this.code);
  }
}

export const notFound = (what: string, id: string) =>
  new HookflowError('not_found', `${what} "${id}" does not exist`);
