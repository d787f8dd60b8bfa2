import { z } from 'zod';

export const PARAMETER_TYPES = [
  'string',
  'text',
  'number',
  'boolean',
  'date',
  'datetime',
  'color',
  'enum',
] as const;

/** A `[[ name : type = default ]]` field a preset or node exposes in its Parameters tab. */
export const TemplateParameterSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  type: z.enum(PARAMETER_TYPES),
  /** Choices of an `enum(a, b)` parameter. */
  options: z.array(z.string()).default([]),
  /** Text after `=`; a parameter without one must be given a value. */
  default: z.string().optional(),
});
export type TemplateParameter = z.infer<typeof TemplateParameterSchema>;

/**
 * `[[ name ]]`, `[[ name : type ]]`, `[[ name : enum(a, b) ]]`, each optionally `= default`.
 * The default runs to the closing brackets, so it may contain spaces and commas.
 */
const PARAMETER =
  /\[\[\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*([a-z]+)\s*(?:\(([^)]*)\))?\s*)?(?:=\s*((?:(?!\]\]).)*?))?\s*\]\]/g;

export class ParameterError extends Error {
  override readonly name = 'ParameterError';
}

/** Every parameter in the sources, once per name, in order of first appearance. */
export function extractParameters(...sources: string[]): TemplateParameter[] {
  const found = new Map<string, TemplateParameter>();
  for (const source of sources) {
    for (const match of source.matchAll(PARAMETER)) {
      const [, name = '', rawType = 'string', rawOptions, rawDefault] = match;
      const type = rawType as TemplateParameter['type'];
      if (!PARAMETER_TYPES.includes(type)) {
        throw new ParameterError(
          `parameter "${name}": unknown type "${rawType}" (use ${PARAMETER_TYPES.join(', ')})`,
        );
      }
      const options =
        type === 'enum'
          ? (rawOptions ?? '')
              .split(',')
              .map((option) => option.trim())
              .filter(Boolean)
          : [];
      if (type === 'enum' && options.length === 0)
        throw new ParameterError(`parameter "${name}": enum() needs choices`);
      const parameter = {
        name,
        type,
        options,
        ...(rawDefault === undefined ? {} : { default: rawDefault.trim() }),
      };
      const earlier = found.get(name);
      if (earlier && (earlier.type !== type || earlier.options.join() !== options.join())) {
        throw new ParameterError(`parameter "${name}" is declared as ${earlier.type} and as ${type}`);
      }
      if (!earlier) found.set(name, parameter);
    }
  }
  return [...found.values()];
}

/** Names of parameters that have neither a value nor a default. */
export function missingParameters(
  parameters: TemplateParameter[],
  values: Record<string, unknown>,
): string[] {
  return parameters
    .filter((parameter) => parameter.default === undefined && (values[parameter.name] ?? '') === '')
    .map((parameter) => parameter.name);
}

/**
 * Replaces every `[[ ... ]]` with its value (or default) as raw text, before Nunjucks renders:
 * a value may itself contain `{{ }}` expressions, which then render like the rest.
 */
export function substituteParameters(source: string, values: Record<string, unknown>): string {
  return source.replace(PARAMETER, (...groups: (string | undefined)[]) => {
    const [, name = '', , , fallback] = groups;
    const value = values[name];
    return value === undefined || value === null || value === '' ? (fallback?.trim() ?? '') : String(value);
  });
}
