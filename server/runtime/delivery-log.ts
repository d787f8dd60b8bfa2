import type { Logger } from 'pino';
import type { RetryDecision } from '../../engine/webhook/index.ts';
import type { SendResult } from '../http/http-sender.ts';
import type { DeliveryRecord } from '../store/ports/delivery-store.ts';
import type { DeliveryOutcome, RuntimeMetrics } from './runtime-metrics.ts';

/**
 * One log line per delivery attempt, at a level by outcome: a sent request at debug, a retry at
 * info, a failure and an egress refusal at warn. Ids, status, attempt and time only: a request's
 * URL, headers and body, and the answer's, hold customer data and credentials and never reach
 * the log (run history has them, behind the API key). The outcome is counted in `metrics` too.
 */
export function logAttempt(
  report: { logger: Logger; metrics: RuntimeMetrics },
  attempt: { delivery: DeliveryRecord; result: SendResult; decision: RetryDecision },
): void {
  const { logger, metrics } = report;
  const { delivery, result, decision } = attempt;
  metrics.deliveryOutcome(outcomeOf(decision, result));
  const fields = {
    runId: delivery.runId,
    nodeId: delivery.nodeId,
    deliveryId: delivery.id,
    ...(delivery.batchRuns ? { runs: delivery.batchRuns.length } : {}),
    status: result.status,
    attempt: delivery.attempts,
    durationMs: result.durationMs,
  };
  switch (decision.kind) {
    case 'success':
      return logger.debug(fields, 'delivery sent');
    case 'retry':
      return logger.info(
        { ...fields, reason: decision.reason, retryAt: new Date(decision.at).toISOString() },
        'delivery retry scheduled',
      );
    case 'fail':
      return logger.warn(
        { ...fields, reason: decision.reason },
        result.refusal === 'egress' ? 'egress refused' : 'delivery failed',
      );
  }
}

function outcomeOf(decision: RetryDecision, result: SendResult): DeliveryOutcome {
  if (decision.kind === 'success') return 'delivered';
  if (decision.kind === 'retry') return 'retry';
  return result.refusal === 'egress' ? 'refused' : 'failed';
}
