import type { CustomerView, EventView, WebhookResponseView } from '../../engine/run/index.ts';
import { webhookAccessor } from '../../engine/template/index.ts';

/** A run with no responses yet (every run's first steps) shares one accessor: it has no fields. */
const NO_RESPONSES = webhookAccessor([]);

/** What every template can read: customer, event, scenario, run and previous responses. */
export function renderContext(options: {
  customer: CustomerView;
  event: EventView | null;
  scenario: { id: string; name: string; version: number };
  run: { id: string; startedAt: string };
  webhooks: WebhookResponseView[];
}): Record<string, unknown> {
  return {
    customer: options.customer,
    event: options.event,
    scenario: options.scenario,
    run: options.run,
    webhook: options.webhooks.length === 0 ? NO_RESPONSES : webhookAccessor(options.webhooks),
  };
}
