import { markCallable } from './callables.ts';

/** One HTTP response on the run's path, as templates read it. */
export interface WebhookResponseView {
  status: number;
  headers: Record<string, string>;
  /** Raw body text. */
  data: string;
  /** Parsed body, when the node reads its response as JSON and the body parsed. */
  json?: unknown;
}

/** What `webhook` and `webhook(n)` give a template. */
export type WebhookFields = Record<string, unknown>;

/** The `webhook` template variable: callable for the n-th response, fields of the last one. */
export type WebhookAccessor = ((position: number) => WebhookFields | undefined) & WebhookFields;

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function define(target: object, key: string, value: unknown): void {
  // defineProperty, not assignment: a JSON field named "__proto__" stays a plain field.
  Object.defineProperty(target, key, { value, enumerable: true, writable: false, configurable: false });
}

/**
 * The fields of one response: every top-level field of a JSON object body, then `status`,
 * `headers` (names lower-cased), `data` (raw text) and `json` (the whole parsed body). The HTTP
 * ones win over body fields of the same name, so `webhook.status` is always the HTTP status; a
 * body field called `status` is `webhook.json.status`. Conditions read the same fields.
 */
export function responseFields(response: WebhookResponseView | undefined): WebhookFields | undefined {
  if (response === undefined) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) define(headers, name.toLowerCase(), value);
  const http: WebhookFields = { status: response.status, headers, data: response.data, json: response.json };
  const fields: WebhookFields = {};
  if (isJsonObject(response.json)) {
    for (const [key, value] of Object.entries(response.json)) {
      if (!Object.hasOwn(http, key)) define(fields, key, value);
    }
  }
  for (const [key, value] of Object.entries(http)) define(fields, key, value);
  return fields;
}

/**
 * The value to put in a render context under `webhook`: `{{ webhook.field }}` reads the last
 * response on the path, `{{ webhook(2).field }}` the second (1-based), and a position without a
 * response gives undefined (renders empty). `webhook.status`, `.headers['content-type']` and
 * `.data` are the HTTP status, headers and raw text.
 *
 * The accessor is an arrow function stripped of its own `name` and `length`, carrying the last
 * response's fields as enumerable own properties; the sandbox shows templates only enumerable own
 * properties of functions, so nothing of Function (`call`, `constructor`, ...) is reachable.
 *
 * @example
 * renderContext.webhook = webhookAccessor(run.webhooks);
 */
export function webhookAccessor(responses: readonly WebhookResponseView[]): WebhookAccessor {
  const views = responses.map((response) => responseFields(response) ?? {});
  const accessor = (position: unknown): WebhookFields | undefined => {
    const index = Number(position);
    return Number.isInteger(index) && index >= 1 ? views[index - 1] : undefined;
  };
  Reflect.deleteProperty(accessor, 'name');
  Reflect.deleteProperty(accessor, 'length');
  const last = views.at(-1) ?? {};
  for (const key of Object.keys(last)) define(accessor, key, last[key]);
  return markCallable(accessor) as WebhookAccessor;
}
