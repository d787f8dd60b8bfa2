import type { z } from 'zod';
import type { ValidationIssue } from '../../../engine/scenario/index.ts';

/**
 * Field messages for one node: first from its shared zod schema (instant, in the browser),
 * then from the server's last validation (graph rules, templates), which win on the same field.
 */
export function nodeFieldErrors(
  schema: z.ZodType,
  node: { id: string; type: string; config: unknown },
  serverIssues: readonly ValidationIssue[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = schema.safeParse(node);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      errors[path] ??= issue.message;
    }
  }
  for (const issue of serverIssues) if (issue.field) errors[issue.field] = issue.message;
  return errors;
}
