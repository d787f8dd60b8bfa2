import { filterCustomer } from '../audience/audience-filter.ts';
import { responseFields } from '../template/webhook-accessor.ts';
import type { RunContext } from './run-types.ts';

/**
 * The data a condition's dotted fields read: `customer.x`, `event.properties.x`,
 * `webhook.status`, `webhook.headers.x`, `webhook.<json field>` of the last response.
 * `customer.user_id` falls back to the customer's id, as in audiences (`filterCustomer`).
 */
export function conditionContext(context: RunContext): Record<string, unknown> {
  return {
    customer: filterCustomer(context.customer),
    event: context.event,
    webhook: responseFields(context.webhooks.at(-1)),
  };
}
