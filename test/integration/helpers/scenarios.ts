/** Scenario definitions the integration tests and benchmarks share. */

export const webhookNode = (id: string, url: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'webhook',
  config: { method: 'POST', url, ...extra },
});

export const triggerNode = (id: string, eventType: string) => ({
  id,
  type: 'trigger.event',
  config: { eventType },
});

export const edge = (source: string, target: string, sourceHandle = 'out') => ({
  id: `${source}-${sourceHandle}-${target}`,
  source,
  target,
  sourceHandle,
});

/** trigger → webhook: the benchmark's and the simplest test's scenario. */
export function triggerToWebhook(eventType: string, url: string, body = '{"customer":"{{ customer.id }}"}') {
  return {
    nodes: [triggerNode('trigger', eventType), webhookNode('hook', url, { body })],
    edges: [edge('trigger', 'hook')],
  };
}

/** trigger → wait → webhook: the timer and restart tests' scenario. */
export const waitThenWebhook = (url: string, seconds: number) => ({
  nodes: [
    triggerNode('start', 'signup'),
    { id: 'pause', type: 'wait', config: { mode: 'duration', seconds } },
    webhookNode('hello', url, { body: '{"id":"{{ customer.id }}"}' }),
  ],
  edges: [edge('start', 'pause'), edge('pause', 'hello')],
});

/** `purchase` events, one per customer, each with its `amount` property. */
export const purchaseEvents = (amounts: Record<string, number>) =>
  Object.entries(amounts).map(([customer, amount]) => ({
    customer_id: customer,
    type: 'purchase',
    properties: { amount },
  }));
