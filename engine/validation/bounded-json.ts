import { z } from 'zod';
import { FREE_FORM_JSON, type JsonBounds, jsonBoundsProblem } from './json-bounds.ts';

export interface BoundedJsonOptions extends Partial<JsonBounds> {
  /** Names the value in messages, for a value that is a whole request body (its path is empty). */
  subject?: string;
}

/**
 * `schema` refusing values deeper or larger than the bounds (`FREE_FORM_JSON` by default), with
 * an issue at the field's own path, e.g. `properties: nested deeper than 32 levels`. The check
 * aborts the checks chained after it, which may walk the value recursively.
 */
export function boundedJson<T extends z.ZodType>(schema: T, options: BoundedJsonOptions = {}): T {
  const { subject, ...bounds } = options;
  return schema.superRefine((value, context) => {
    const problem = jsonBoundsProblem(value, { ...FREE_FORM_JSON, ...bounds });
    if (problem === null) return;
    context.addIssue({
      code: 'custom',
      message: subject ? `${subject} ${problem}` : problem,
      continue: false,
    });
  });
}

/**
 * A free-form JSON object within the bounds, e.g. event properties: `{ "plan": "pro", "cart":
 * { "items": [] } }`. `what` names it in the message for anything but an object.
 */
export function jsonObject(what: string, options: BoundedJsonOptions = {}) {
  return boundedJson(
    z.record(z.string(), z.unknown(), { error: `${what} must be a JSON object, e.g. {"plan":"pro"}` }),
    options,
  );
}
