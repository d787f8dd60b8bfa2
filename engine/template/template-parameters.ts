import { TemplateError } from './template-error.ts';
import { type ParameterValue, parameterValueProblem } from './template-parameter-value.ts';
import {
  PARAMETER_TYPES,
  type TemplateParameter,
  type TemplateParameterType,
} from './template-parameter-schema.ts';

export {
  PARAMETER_TYPES,
  TemplateParameterSchema,
  type TemplateParameter,
  type TemplateParameterType,
} from './template-parameter-schema.ts';
export { parameterValueProblem, type ParameterValue } from './template-parameter-value.ts';

/**
 * `[[ name ]]`, `[[ name : type ]]`, `[[ name : enum(a, b) ]]`, each optionally `= default`.
 * The default runs to the closing brackets, so it may hold spaces and commas (not a newline).
 */
const PARAMETER =
  /\[\[\s*([A-Za-z_][\w-]*)\s*(?::\s*([A-Za-z]+)\s*(?:\(([^)\n]*)\))?\s*)?(?:=\s*((?:(?!\]\])[^\n])*?))?\s*\]\]/g;

/** `[[true]]` and friends are nested JSON arrays, not parameters. */
const LITERALS = new Set(['true', 'false', 'null', 'none']);

interface Occurrence {
  parameter: TemplateParameter;
  /** Written with an explicit type (`[[ x ]]` alone refers to a parameter typed elsewhere). */
  typed: boolean;
}

/** A `[[ ]]` declaration that cannot be read, or one name declared with two types. */
export class ParameterError extends TemplateError {
  constructor(reason: string) {
    super('syntax', reason);
  }
}

function describe(parameter: TemplateParameter): string {
  return parameter.type === 'enum' ? `enum(${parameter.options.join(', ')})` : parameter.type;
}

function parseOptions(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((option) => option.trim().replace(/^(["'])(.*)\1$/, '$2'))
    .filter(Boolean);
}

function occurrences(source: string): Occurrence[] {
  const found: Occurrence[] = [];
  for (const match of source.matchAll(PARAMETER)) {
    const [, name = '', rawType, rawOptions, rawDefault] = match;
    if (LITERALS.has(name.toLowerCase())) continue;
    const type = (rawType ?? 'string').toLowerCase() as TemplateParameterType;
    if (!PARAMETER_TYPES.includes(type)) {
      const known = PARAMETER_TYPES.join(', ');
      throw new ParameterError(`parameter "${name}" has unknown type "${rawType}" (use ${known})`);
    }
    const options = type === 'enum' ? parseOptions(rawOptions) : [];
    if (type === 'enum' && options.length === 0) {
      throw new ParameterError(`parameter "${name}": enum() needs options`);
    }
    const parameter: TemplateParameter = {
      name,
      type,
      options,
      ...(rawDefault === undefined ? {} : { default: rawDefault.trim() }),
    };
    found.push({ parameter, typed: rawType !== undefined });
  }
  return found;
}

/**
 * The bracket parameters of the given sources (URL, headers, body), once per name, in order of
 * first appearance. A name may be typed once and referred to elsewhere as `[[ name ]]`; two
 * different explicit types for one name are an error naming both. The first default given wins.
 */
export function extractParameters(...sources: string[]): TemplateParameter[] {
  const byName = new Map<string, Occurrence>();
  for (const text of sources) {
    for (const occurrence of occurrences(text)) {
      const { name } = occurrence.parameter;
      const earlier = byName.get(name);
      if (!earlier) byName.set(name, occurrence);
      else if (
        occurrence.typed &&
        earlier.typed &&
        describe(earlier.parameter) !== describe(occurrence.parameter)
      ) {
        throw new ParameterError(
          `parameter "${name}" is declared as ${describe(earlier.parameter)} and as ${describe(occurrence.parameter)}`,
        );
      } else byName.set(name, merge(earlier, occurrence));
    }
  }
  return [...byName.values()].map((occurrence) => occurrence.parameter);
}

/** A typed occurrence gives an untyped one its type; the first default stays. */
function merge(earlier: Occurrence, later: Occurrence): Occurrence {
  const typed = earlier.typed || !later.typed ? earlier : later;
  const fallback = earlier.parameter.default ?? later.parameter.default;
  const parameter = { ...typed.parameter, ...(fallback === undefined ? {} : { default: fallback }) };
  return { ...typed, parameter, typed: earlier.typed || later.typed };
}

const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';

/** Names of parameters that have neither a value nor a default (activation refuses them). */
export function missingParameters(
  parameters: readonly TemplateParameter[],
  values: Readonly<Record<string, unknown>>,
): string[] {
  return parameters
    .filter((parameter) => parameter.default === undefined)
    .filter((parameter) =>
      isBlank(Object.hasOwn(values, parameter.name) ? values[parameter.name] : undefined),
    )
    .map((parameter) => parameter.name);
}

/**
 * Parameters whose value, or default when no value is given, does not fit the declared type,
 * each with a message naming it (`parameter "channel": "fax" is not one of sms, email`).
 * Validation refuses them; the editor shows the same message under the parameter's input.
 */
export function invalidParameters(
  parameters: readonly TemplateParameter[],
  values: Readonly<Record<string, unknown>>,
): { name: string; message: string }[] {
  return parameters.flatMap((parameter) => {
    const { name } = parameter;
    const given = Object.hasOwn(values, name) ? values[name] : undefined;
    const own = !isBlank(given);
    const value = own ? given : parameter.default;
    // An empty default means "nothing"; a missing value is missingParameters' to report.
    if (isBlank(value)) return [];
    const problem = parameterValueProblem(parameter, value as ParameterValue);
    return problem ? [{ name, message: `parameter "${name}": ${own ? '' : 'its default '}${problem}` }] : [];
  });
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Replaces every `[[ … ]]` with its value, or its default when the value is missing or empty, or
 * nothing. This happens before Nunjucks renders, and values go in as raw text: a value is not
 * escaped for the JSON or XML around it (put a text parameter where any text is valid, e.g.
 * `"note": "[[ note : text ]]"` only if notes never hold a `"`), and a value holding `{{ … }}` is
 * template code that renders like the rest, inside the same sandbox.
 */
export function substituteParameters(source: string, values: Readonly<Record<string, unknown>>): string {
  return source.replace(PARAMETER, (whole: string, name: string, ...groups: unknown[]) => {
    if (LITERALS.has(name.toLowerCase())) return whole;
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (!isBlank(value)) return valueText(value);
    const fallback = groups[2];
    return typeof fallback === 'string' ? fallback.trim() : '';
  });
}
