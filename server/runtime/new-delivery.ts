import type { ScenarioDefinition } from '../../engine/scenario/index.ts';
import type { WebhookNode } from '../../engine/scenario/node-schemas.ts';
import type { ThroughputPriority } from '../../engine/throughput/index.ts';
import type { RenderedRequest } from '../../engine/webhook/index.ts';
import { withStandardHeaders } from '../http/standard-headers.ts';
import { newOrderedId } from '../ids.ts';
import type { DeliveryRecord } from '../store/ports/delivery-store.ts';

/**
 * A pending outbox row for a rendered request of `node`, answering one run or (batch) several.
 * Its id doubles as the `webhook-id` header, so receivers can drop a re-sent duplicate; the
 * stored request carries the standard headers so the run history shows them.
 */
export function newDelivery(options: {
  node: WebhookNode;
  request: RenderedRequest;
  runs: readonly { runId: string; visit: number }[];
  batch: boolean;
  priority: ThroughputPriority;
  now: number;
}): DeliveryRecord {
  const { node, runs, now } = options;
  // Ordered: requests waiting for a throughput policy go in the order they were made.
  const id = newOrderedId('msg', now);
  const request = withStandardHeaders(options.request, id);
  return {
    id,
    runId: runs[0]!.runId,
    nodeId: node.id,
    visit: runs[0]!.visit,
    batchRuns: options.batch ? [...runs] : null,
    cohortId: null,
    request,
    timeoutMs: node.config.timeoutMs,
    responseFormat: node.config.responseFormat,
    retry: node.config.retry,
    integrationId: node.config.integrationId ?? null,
    policyId: node.config.throughputPolicyId ?? null,
    priority: options.priority,
    status: 'pending',
    attempts: 0,
    availableAt: now,
    leaseUntil: null,
    owner: null,
    createdAt: new Date(now).toISOString(),
  };
}

/** Runs started by an event are answered first; those of launch hooks and schedules are bulk. */
export function priorityOf(definition: ScenarioDefinition, triggerNodeId: string): ThroughputPriority {
  const trigger = definition.nodes.find((node) => node.id === triggerNodeId);
  return trigger?.type === 'trigger.event' ? 'event' : 'bulk';
}
