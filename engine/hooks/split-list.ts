/** A list field as the payload carries it: a separated string or a JSON array. */
export type ListInput = string | (string | number | boolean)[];

/**
 * Names (fields, criteria, operators, variables) never contain `,` or `;`: either separates
 * them, as the seed writes them (`"user_id;favorite_color"` or `"user_id,favorite_color"`).
 */
export function splitNames(input: ListInput | undefined): string[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return input.map((item) => String(item).trim());
  return input.trim() === '' ? [] : input.split(/[,;]/).map((item) => item.trim());
}

/**
 * Values are separated by `;` so that one value may hold commas (an `in_list` such as
 * `"red,blue"`). When that yields a single entry but `expected` names several, a caller who
 * separated them with commas is understood too.
 */
export function splitValues(input: ListInput | undefined, expected: number): string[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return input.map((item) => String(item).trim());
  const bySemicolon = input.split(';').map((item) => item.trim());
  if (bySemicolon.length === 1 && expected > 1) return input.split(',').map((item) => item.trim());
  return bySemicolon;
}
