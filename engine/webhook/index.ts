export type { RenderedRequest } from './rendered-request.ts';
export { RequestRenderError } from './request-error.ts';
export { batchCustomerRenderer, renderBatchCustomer, renderRequest } from './render-request.ts';
export { type BodyProblem, staticBodyProblem } from './body-shape.ts';
export { EgressPolicy } from './egress-policy.ts';
export {
  decideRetry,
  backoffMs,
  retryAfterMs,
  type AttemptOutcome,
  type RetryDecision,
} from './retry-decision.ts';
export {
  endpointHealth,
  endpointHostOf,
  WARN_AFTER_FAILURES,
  type EndpointHealth,
  type EndpointOutcome,
} from './endpoint-health.ts';
