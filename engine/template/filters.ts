import { createHash } from 'node:crypto';
import type nunjucks from 'nunjucks';
import { raise } from './render-budget.ts';
import { TemplateError } from './template-error.ts';

const FORBIDDEN_ATTRIBUTES = new Set(['constructor', '__proto__', 'prototype', 'toString', 'valueOf']);

/** Upper bound for width-like filter arguments (indent, center, truncate). */
const MAX_WIDTH = 10_000;

function width(name: string, value: unknown): number {
  const number = Number(value ?? 0);
  if (number > MAX_WIDTH) raise(new TemplateError('limit', `${name}: width ${number} is over ${MAX_WIDTH}`));
  return number;
}

function fromJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (error) {
    raise(
      new TemplateError('render', `from_json: the value is not valid JSON (${(error as Error).message})`),
    );
  }
}

function toJson(value: unknown, indent?: number): string {
  return (
    JSON.stringify(value ?? null, null, indent === undefined ? undefined : width('tojson', indent)) ?? 'null'
  );
}

/** Escapes text for use inside a JSON string literal (without the surrounding quotes). */
function jsonEscape(value: unknown): string {
  return JSON.stringify(String(value ?? '')).slice(1, -1);
}

const pad = (value: number, size = 2) => String(value).padStart(size, '0');

/** strftime-style formatting in UTC for the directives marketers use (%Y %m %d %H %M %S %f %z %j). */
function formatDate(value: unknown, format = '%Y-%m-%dT%H:%M:%SZ'): string {
  const date =
    value === undefined || value === null || value === 'now' ? new Date() : new Date(value as string);
  if (Number.isNaN(date.getTime()))
    raise(new TemplateError('render', `date: "${String(value)}" is not a date`));
  const parts: Record<string, string> = {
    Y: String(date.getUTCFullYear()),
    m: pad(date.getUTCMonth() + 1),
    d: pad(date.getUTCDate()),
    H: pad(date.getUTCHours()),
    M: pad(date.getUTCMinutes()),
    S: pad(date.getUTCSeconds()),
    f: pad(date.getUTCMilliseconds(), 3),
    z: '+0000',
    s: String(Math.floor(date.getTime() / 1000)),
    '%': '%',
  };
  return String(format).replace(/%([YmdHMSfzs%])/g, (_, directive: string) => parts[directive] ?? '');
}

const hash = (algorithm: string) => (value: unknown) =>
  createHash(algorithm)
    .update(String(value ?? ''))
    .digest('hex');

/**
 * Filters a Jinja user expects that Nunjucks lacks, and safer versions of built-ins whose
 * arguments could make a template allocate without bound or run a regular expression.
 */
export function installFilters(env: nunjucks.Environment): void {
  const builtin = (name: string) => env.getFilter(name) as (...args: unknown[]) => unknown;
  const replace = builtin('replace');
  const indent = builtin('indent');
  const center = builtin('center');
  const truncate = builtin('truncate');
  const byAttribute = (name: string, position: number) => {
    const filter = builtin(name);
    return (...args: unknown[]) => {
      const attribute = args[position];
      if (
        typeof attribute === 'string' &&
        attribute.split('.').some((part) => FORBIDDEN_ATTRIBUTES.has(part))
      ) {
        raise(new TemplateError('forbidden', `${name}: templates cannot use "${attribute}"`));
      }
      return filter(...args);
    };
  };
  const filters: Record<string, (...args: never[]) => unknown> = {
    from_json: fromJson,
    tojson: toJson,
    to_json: toJson,
    json_escape: jsonEscape,
    b64encode: (value: unknown) => Buffer.from(String(value ?? ''), 'utf8').toString('base64'),
    b64decode: (value: unknown) => Buffer.from(String(value ?? ''), 'base64').toString('utf8'),
    date: formatDate,
    datetimeformat: formatDate,
    sha256: hash('sha256'),
    md5: hash('md5'),
    // Jinja's signature: replace(value, old, new, count).
    // eslint-disable-next-line max-params
    replace: (value: unknown, old: unknown, replacement: unknown, count?: unknown) => {
      if (old instanceof RegExp)
        raise(new TemplateError('forbidden', 'replace: regular expressions are not allowed'));
      const text = String(value ?? '');
      const growth =
        String(replacement ?? '').length * (String(old ?? '') === '' ? text.length + 1 : text.length);
      if (growth > 1_000_000) raise(new TemplateError('limit', 'replace: the result would be too large'));
      return replace(value, old, replacement, count);
    },
    indent: (value: unknown, size?: unknown, first?: unknown) => indent(value, width('indent', size), first),
    center: (value: unknown, size?: unknown) => center(value, width('center', size)),
    sort: byAttribute('sort', 3),
    groupby: byAttribute('groupby', 1),
    selectattr: byAttribute('selectattr', 1),
    rejectattr: byAttribute('rejectattr', 1),
    sum: byAttribute('sum', 1),
    truncate: (value: unknown, size?: unknown, ...rest: unknown[]) =>
      truncate(value, width('truncate', size), ...rest),
  };
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter);
}
