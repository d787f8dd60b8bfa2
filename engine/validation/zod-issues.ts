import type { z } from 'zod';

/** One problem of a parsed value: where (zod's path, indexes as numbers) and what. */
export interface PathIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * Zod's issues, with each failed union replaced by the issues of the one option that fits the
 * value's kind. `z.union([event, z.array(event)])` fails on `[{…}, { type: 1 }]` with a bare
 * "Invalid input" at the root; the object option failed only because an array is not an object,
 * so the array option's `[1].type` issue is the real problem. When no option or several fit,
 * the union's own message stays.
 */
export function explainIssues(
  issues: readonly z.core.$ZodIssue[],
  at: readonly PropertyKey[] = [],
): PathIssue[] {
  return issues.flatMap((issue) => {
    const path = [...at, ...issue.path];
    if (issue.code === 'invalid_union') {
      const fitting = issue.errors.filter((option) => !option.every(isWrongKindHere));
      if (fitting.length === 1) return explainIssues(fitting[0]!, path);
    }
    return [{ path, message: issue.message }];
  });
}

const isWrongKindHere = (issue: z.core.$ZodIssue) => issue.code === 'invalid_type' && issue.path.length === 0;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A path as a JavaScript accessor: `[1].type`, `properties.cart.items[0]`, `attributes["first-name"]`;
 * `(root)` for the value itself.
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text || '(root)';
}
