import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { explainIssues, type PathIssue } from '../../engine/validation/index.ts';

/**
 * A request part that failed its schema. It keeps zod's paths as they are (an index stays a
 * number), which the error handler writes as `[1].type`; Fastify sets `validationContext`.
 */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  readonly issues: PathIssue[];
  validationContext?: string;

  constructor(issues: PathIssue[]) {
    super(`invalid request: ${issues.length} issue(s)`);
    this.issues = issues;
  }
}

/** Validates each request part with its route's zod schema (replaces the provider's compiler). */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success
      ? { value: result.data }
      : { error: new RequestValidationError(explainIssues(result.error.issues)) };
  };
