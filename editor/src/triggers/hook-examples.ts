/**
 * Example calls of a launch hook, for the copy buttons of its form. The POST body is the seed's
 * "audience and values" form: `;`-separated lists, one entry per filter or variable, so this
 * call targets customers whose favorite_color is red and sets their new_favorite_color to magenta.
 */
export const EXAMPLE_AUDIENCE_BODY = {
  fields: 'favorite_color',
  criteria: 'equals',
  values: 'red',
  operators: 'AND',
  set_variables: 'new_favorite_color',
  set_variables_values: 'magenta',
} as const;

/** Quotes a value for a POSIX shell: single quotes, with any single quote closed and escaped. */
const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

export function exampleGet(url: string): string {
  return `curl -X GET ${shellQuote(url)}`;
}

export function examplePost(url: string): string {
  const body = JSON.stringify(EXAMPLE_AUDIENCE_BODY, null, 2);
  return [
    `curl -X POST ${shellQuote(url)}`,
    `  -H 'content-type: application/json'`,
    `  -d ${shellQuote(body)}`,
  ].join(' \\\n');
}

/** The hook URL as a caller uses it: the server may answer a path, callers need the full address. */
export function absoluteUrl(url: string, origin = window.location.origin): string {
  try {
    return new URL(url, origin).href;
  } catch {
    return url;
  }
}
