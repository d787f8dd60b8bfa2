import type { RenderedRequest } from '../../engine/webhook/index.ts';

export const USER_AGENT = 'Hookflow/0.1 (+https://github.com/hookflow)';

/**
 * The request with the headers every request Hookflow sends carries: `user-agent` (unless the
 * node set its own) and `webhook-id`, the idempotency id a receiver drops duplicates by and a
 * signature covers. `content-type` comes with the rendered body (`renderRequest`). Deliveries,
 * the webhook Test button and the integration test all go through here (by way of
 * `RequestAuthorizer.authorize`), so a test request cannot differ from a real one.
 */
export function withStandardHeaders(request: RenderedRequest, webhookId: string): RenderedRequest {
  return {
    ...request,
    headers: { 'user-agent': USER_AGENT, ...request.headers, 'webhook-id': webhookId },
  };
}
