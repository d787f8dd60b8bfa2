/** One HTTP response as templates read it. */
export interface WebhookResponseView {
  status: number;
  headers: Record<string, string>;
  /** Raw body text. */
  data: string;
  /** Parsed body when the node's response format is JSON. */
  json?: unknown;
}

/**
 * The fields of a response: the parsed JSON body's fields, then `status`, `headers` and `data`,
 * which win over JSON fields of the same name because they are always there.
 */
export function responseFields(
  response: WebhookResponseView | undefined,
): Record<string, unknown> | undefined {
  if (!response) return undefined;
  const json = response.json;
  const fields = json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
  return { ...fields, status: response.status, headers: response.headers, data: response.data };
}

/**
 * The value of `webhook` in templates: `webhook.field` reads the last response on the path,
 * `webhook(2).field` the second (1-based); a position with no response gives undefined.
 */
export function webhookAccessor(responses: readonly WebhookResponseView[]): unknown {
  const nth = (position: unknown) => responseFields(responses[Number(position) - 1]);
  return Object.assign(nth, responseFields(responses.at(-1)) ?? {});
}
