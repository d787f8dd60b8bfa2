import { Send } from 'lucide-react';
import { useState } from 'react';
import { EVENT_TYPE_NAMES } from '../../../engine/subscriptions/event-catalog.ts';
import type { Subscription } from '../../../engine/subscriptions/subscription-schema.ts';
import { errorMessage } from '../api/api-client.ts';
import { type SubscriptionDelivery, subscriptionsApi } from '../api/subscriptions-api.ts';

export interface TestEventPanelProps {
  /** As saved: the test sends the saved URL, credentials and template. */
  subscription: Subscription;
  /** Called after every send: the log and the health changed. */
  onSent: () => void;
}

/** "Send test event": a sample of one type, sent now, logged; a 2xx re-enables a disabled subscription. */
export function TestEventPanel({ subscription, onSent }: TestEventPanelProps) {
  const ticked = subscription.events.map((event) => event.type);
  const [type, setType] = useState<string>(ticked[0] ?? EVENT_TYPE_NAMES[0]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SubscriptionDelivery | string | null>(null);
  const send = async () => {
    setBusy(true);
    try {
      setResult(await subscriptionsApi.test(subscription.id, type));
    } catch (failure) {
      setResult(errorMessage(failure));
    } finally {
      setBusy(false);
      onSent();
    }
  };
  const attempt = typeof result === 'object' && result ? result.attempts.at(-1) : undefined;
  return (
    <div className="test-event">
      <label>
        Event
        <select aria-label="Event" value={type} onChange={(event) => setType(event.target.value)}>
          {(ticked.length > 0 ? ticked : EVENT_TYPE_NAMES).map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      <button type="button" className="btn" disabled={busy} onClick={() => void send()}>
        <Send size={14} aria-hidden /> {busy ? 'Sending…' : 'Send test event'}
      </button>
      {typeof result === 'string' && (
        <span className="danger-text small" role="alert">
          {result}
        </span>
      )}
      {attempt && (
        <span
          className={`small ${result && typeof result === 'object' && result.status === 'done' ? 'ok-text' : 'danger-text'}`}
          data-testid="test-event-result"
        >
          {attempt.status !== null ? `HTTP ${attempt.status}` : 'No answer'}
          {attempt.error ? ` — ${attempt.error}` : ''} in {attempt.durationMs} ms
        </span>
      )}
    </div>
  );
}
