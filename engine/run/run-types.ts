import type { WebhookResponseView as TemplateResponseView } from '../template/webhook-accessor.ts';

/** What a run sees of its customer: the id plus free-form attributes. */
export interface CustomerView {
  id: string;
  [attribute: string]: unknown;
}

/** The trigger payload a run started from. */
export interface EventView {
  id: string | null;
  type: string;
  timestamp: string;
  properties: Record<string, unknown>;
}

/** One HTTP response on the run's path, as templates and conditions read it. */
export interface WebhookResponseView extends TemplateResponseView {
  nodeId: string;
}

export interface RunContext {
  triggerNodeId: string;
  /** What started the run when it is not an event: the fan-out of a launch hook or schedule. */
  triggerId?: string;
  /** Increments on every node entry; results carry it so stale or duplicate ones are ignored. */
  visit: number;
  customer: CustomerView;
  event: EventView | null;
  webhooks: WebhookResponseView[];
  lastError: { nodeId: string; message: string } | null;
}

export type RunInput = Pick<RunContext, 'triggerNodeId' | 'triggerId' | 'customer' | 'event'>;

export type RunEvent =
  | { type: 'WAKE'; visit: number }
  | { type: 'WEBHOOK_DONE'; visit: number; response: WebhookResponseView }
  | { type: 'WEBHOOK_FAILED'; visit: number; error: string; response?: WebhookResponseView }
  /** The rendered values of a set-attributes node, merged into the run's customer. */
  | { type: 'ATTRIBUTES_SET'; visit: number; values: Record<string, unknown> }
  /** Enter the (webhook) node the run stands on again: "retry from the failed node". */
  | { type: 'RETRY'; nodeId: string }
  /** The runner could not carry out the current node's effect (e.g. a wait date that does not parse). */
  | { type: 'FAIL'; visit: number; nodeId: string; error: string };

/** Something the outside world must do before the run can move on. */
export interface RunEffect {
  type: 'wait' | 'webhook' | 'attributes';
  nodeId: string;
  visit: number;
}

export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed';
