import { responseFields } from '../../engine/template/index.ts';

/** A path segment a condition field accepts (`engine/audience` filter schema). */
const SEGMENT = /^[\w$-]+$/;
/** How deep into a JSON body the names go (`webhook.user.plan` is 2) and how many at most. */
const MAX_DEPTH = 3;
const MAX_NAMES = 200;
const HTTP_FIELDS = new Set(['status', 'headers', 'data', 'json']);

/**
 * The names `webhook.<name>` reads on a recorded response, as templates and conditions see it
 * (`responseFields`: the body's top-level fields, then status, headers, data, json), with the
 * nested fields of the body's objects as dotted paths, breadth first, up to 3 levels and 200
 * names. Keys no field path can spell (spaces, dots) are left out.
 *
 * @example
 * responseFieldNames({ status: 200, headers: {}, body: '{"id":7,"user":{"plan":"pro"}}' })
 * // → ['id', 'user', 'status', 'headers', 'data', 'json', 'user.plan']
 */
export function responseFieldNames(response: {
  status: number;
  headers: Record<string, string>;
  body: string;
}): string[] {
  const fields = responseFields({
    status: response.status,
    headers: response.headers,
    data: response.body,
    json: parseJson(response.body),
  });
  const names: string[] = [];
  let level = Object.entries(fields ?? {}).filter(([key]) => SEGMENT.test(key));
  for (let depth = 1; depth <= MAX_DEPTH && level.length > 0; depth += 1) {
    const next: [string, unknown][] = [];
    for (const [path, value] of level) {
      if (names.length >= MAX_NAMES) return names;
      names.push(path);
      // The HTTP fields are read as a whole (`webhook.headers["x"]`, `webhook.json`), not walked.
      if (depth === 1 && HTTP_FIELDS.has(path)) continue;
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        for (const [key, child] of Object.entries(value))
          if (SEGMENT.test(key)) next.push([`${path}.${key}`, child]);
    }
    level = next;
  }
  return names;
}

function parseJson(body: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
