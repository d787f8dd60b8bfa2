import type { SubscriptionDelivery } from '../api/subscriptions-api.ts';
import { formatDate } from '../scenarios/format-date.ts';
import { RequestView, ResponseView } from '../webhook/request-view.tsx';

/** One delivery: the request as sent (its webhook-id stays across retries and replays) and every attempt. */
export function DeliveryDetail({ delivery }: { delivery: SubscriptionDelivery }) {
  return (
    <div className="delivery-detail" data-testid="delivery-detail">
      <RequestView request={delivery.request} />
      <ol className="attempt-list" aria-label="Attempts">
        {delivery.attempts.map((attempt, index) => (
          <li key={`${attempt.at}-${index}`}>
            <div className="attempt-head small">
              <strong>Attempt {index + 1}</strong> · {formatDate(attempt.at)} · {attempt.durationMs} ms
              {attempt.replayed && <span className="badge">replay</span>}
              {attempt.retryAt && <span className="muted"> · retry at {formatDate(attempt.retryAt)}</span>}
            </div>
            <ResponseView
              response={
                attempt.response
                  ? {
                      ...(attempt.status === null ? {} : { status: attempt.status }),
                      headers: attempt.response.headers,
                      body: attempt.response.body + (attempt.response.truncated ? '\n… (cut at 4 KiB)' : ''),
                    }
                  : null
              }
              error={attempt.error}
            />
          </li>
        ))}
      </ol>
      {delivery.nextAttemptAt && (
        <p className="muted small">Next attempt {formatDate(delivery.nextAttemptAt)}.</p>
      )}
    </div>
  );
}
