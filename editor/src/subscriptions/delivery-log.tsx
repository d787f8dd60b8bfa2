import { RefreshCw, RotateCw } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/api-client.ts';
import {
  type DeliveryFilter,
  type DeliveryStatus,
  type SubscriptionDelivery,
  subscriptionsApi,
} from '../api/subscriptions-api.ts';
import { formatDate } from '../scenarios/format-date.ts';
import { DeliveryDetail } from './delivery-detail.tsx';

const STATUSES: DeliveryStatus[] = ['pending', 'sending', 'done', 'failed'];
const DAY_MS = 24 * 3600_000;

/** `datetime-local` text (local time) as an ISO instant, or undefined when empty. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

export interface DeliveryLogProps {
  subscriptionId: string;
  /** Changes when something outside added deliveries (a test send), so the log reads again. */
  refreshKey: number;
}

/**
 * A subscription's delivery log, newest first: filtered by status and time, each with its
 * request and attempts; replay one, or every failed one in the range (same webhook-id).
 */
export function DeliveryLog({ subscriptionId, refreshKey }: DeliveryLogProps) {
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [items, setItems] = useState<SubscriptionDelivery[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const filter: DeliveryFilter = {
    ...(status ? { status } : {}),
    ...(from ? { from: isoOf(from) } : {}),
    ...(to ? { to: isoOf(to) } : {}),
  };
  const filterKey = JSON.stringify(filter);
  const load = useCallback(async () => {
    try {
      setItems((await subscriptionsApi.deliveries(subscriptionId, JSON.parse(filterKey))).items);
    } catch (failure) {
      setMessage({ text: errorMessage(failure), error: true });
    }
  }, [subscriptionId, filterKey]);
  useEffect(() => void load(), [load, refreshKey]);

  const act = async (work: () => Promise<{ replayed: string[] }>) => {
    try {
      const { replayed } = await work();
      setMessage({
        text: `${replayed.length} ${replayed.length === 1 ? 'delivery' : 'deliveries'} queued again.`,
        error: false,
      });
      await load();
    } catch (failure) {
      setMessage({ text: errorMessage(failure), error: true });
    }
  };
  // The range the replay covers: the filter's, else the last 24 hours.
  const range = {
    from: isoOf(from) ?? new Date(Date.now() - DAY_MS).toISOString(),
    to: isoOf(to) ?? new Date(Date.now() + 60_000).toISOString(),
  };

  return (
    <section className="delivery-log" aria-label="Delivery log">
      <div className="delivery-filters">
        <label>
          Status
          <select
            aria-label="Status"
            value={status}
            onChange={(event) => setStatus(event.target.value as DeliveryStatus | '')}
          >
            <option value="">Any</option>
            {STATUSES.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label>
          To
          <input type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <button type="button" className="btn small" onClick={() => void load()}>
          <RefreshCw size={14} aria-hidden /> Refresh
        </button>
        <button
          type="button"
          className="btn small"
          title={`Failed deliveries created from ${formatDate(range.from)} to ${formatDate(range.to)}`}
          onClick={() => void act(() => subscriptionsApi.replayFailed(subscriptionId, range))}
        >
          <RotateCw size={14} aria-hidden /> Replay failed {from || to ? 'in this range' : 'of the last 24 h'}
        </button>
      </div>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'alert' : 'page-notice'}>
          {message.text}
        </p>
      )}
      {items === null ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">No deliveries{status || from || to ? ' match these filters' : ' yet'}.</p>
      ) : (
        <table className="scenario-table delivery-table">
          <thead>
            <tr>
              <th>Created</th>
              <th>Event</th>
              <th>Customer</th>
              <th>Status</th>
              <th className="numeric">Attempts</th>
              <th>Last answer</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <DeliveryRow
                key={item.id}
                delivery={item}
                open={open === item.id}
                onToggle={() => setOpen(open === item.id ? null : item.id)}
                onReplay={() => void act(() => subscriptionsApi.replayOne(subscriptionId, item.id))}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface DeliveryRowProps {
  delivery: SubscriptionDelivery;
  open: boolean;
  onToggle: () => void;
  onReplay: () => void;
}

function DeliveryRow({ delivery, open, onToggle, onReplay }: DeliveryRowProps) {
  const last = delivery.attempts.at(-1);
  const answer = last ? (last.status !== null ? `HTTP ${last.status}` : (last.error ?? '—')) : '—';
  return (
    <>
      <tr data-delivery-id={delivery.id} data-status={delivery.status}>
        <td className="small">{formatDate(delivery.createdAt)}</td>
        <td className="mono small">
          {delivery.eventType}
          {delivery.test && <span className="badge">test</span>}
        </td>
        <td className="mono small">{delivery.customerId ?? '—'}</td>
        <td>
          <span className={`status-badge delivery-${delivery.status}`}>{delivery.status}</span>
        </td>
        <td className="numeric">{delivery.attempts.length}</td>
        <td className="small request-cell" title={last?.error ?? undefined}>
          {answer}
        </td>
        <td className="row-actions">
          <button type="button" className="btn small" aria-expanded={open} onClick={onToggle}>
            {open ? 'Hide' : 'Details'}
          </button>
          {(delivery.status === 'done' || delivery.status === 'failed') && (
            <button type="button" className="btn small" onClick={onReplay}>
              Replay
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr className="delivery-detail-row">
          <td colSpan={7}>
            <DeliveryDetail delivery={delivery} />
          </td>
        </tr>
      )}
    </>
  );
}
