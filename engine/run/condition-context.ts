import type { RunContext, WebhookResponseView } from './run-types.ts';

/**
 * The data a condition's dotted fields read: `customer.x`, `event.properties.x`,
 * `webhook.status`, `webhook.headers.x`, `webhook.<json field>` of the last response.
 */
export function conditionContext(context: RunContext): Record<string, unknown> {
  return {
    customer: context.customer,
    event: context.event,
    webhook: responseFields(context.webhooks.at(-1)),
  };
}

/** HTTP status, headers and raw data win over same-named JSON fields: they are always there. */
export function responseFields(
  response: WebhookResponseView | undefined,
): Record<string, unknown> | undefined {
  if (!response) return undefined;
  const json = response.json;
  const fields = json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
  return { ...fields, status: response.status, headers: response.headers, data: response.data };
}
