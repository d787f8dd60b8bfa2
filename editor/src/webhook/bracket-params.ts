/**
 * Template parameters: `[[ name ]]` or `[[ name : type ]]`, optionally `= default`, anywhere in a
 * webhook's URL, headers or body. The marketer fills them in the Parameters tab; the engine
 * substitutes the values before Nunjucks renders. Types: string, text, number, boolean, date,
 * datetime, color, enum(a, b, c).
 */

export const PARAM_TYPES = [
  'string',
  'text',
  'number',
  'boolean',
  'date',
  'datetime',
  'color',
  'enum',
] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

export interface ParamDef {
  name: string;
  type: ParamType;
  /** The choices of an `enum(…)` parameter. */
  options: string[];
  default?: string;
}

export type ParamValue = string | number | boolean;

const PATTERN =
  /\[\[\s*([A-Za-z_][\w-]*)\s*(?::\s*([A-Za-z]+)\s*(?:\(([^)]*)\))?)?\s*(?:=\s*([^\]]*?))?\s*\]\]/g;

/** Every distinct parameter in the given sources, in order of first appearance. */
export function extractParams(sources: readonly string[]): ParamDef[] {
  const found = new Map<string, ParamDef>();
  for (const source of sources) {
    for (const match of source.matchAll(PATTERN)) {
      const [, name, rawType, rawOptions, rawDefault] = match;
      if (!name || found.has(name)) continue;
      const type = (PARAM_TYPES as readonly string[]).includes(rawType?.toLowerCase() ?? '')
        ? (rawType!.toLowerCase() as ParamType)
        : 'string';
      const options =
        type === 'enum'
          ? (rawOptions ?? '')
              .split(',')
              .map((option) => option.trim())
              .filter(Boolean)
          : [];
      found.set(name, { name, type, options, ...(rawDefault ? { default: rawDefault.trim() } : {}) });
    }
  }
  return [...found.values()];
}

/** A parameter's starting value: its default, coerced to its type. */
export function initialValue(param: ParamDef): ParamValue {
  const fallback = param.default ?? '';
  if (param.type === 'number') return fallback === '' ? '' : Number(fallback);
  if (param.type === 'boolean') return fallback === 'true';
  if (param.type === 'color') return fallback || '#000000';
  if (param.type === 'enum') return fallback || (param.options[0] ?? '');
  return fallback;
}
