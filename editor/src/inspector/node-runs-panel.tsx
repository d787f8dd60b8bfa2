import { useEffect, useState } from 'react';
import { useEditorStore } from '../store/editor-store-context.tsx';
import { ApiError, errorMessage } from '../api/api-client.ts';
import type { DeliveryView, NodeRunItem } from '../api/api-types.ts';
import { scenariosApi } from '../api/scenarios-api.ts';
import { formatAgo, formatDate } from '../scenarios/format-date.ts';
import { RequestView, ResponseView } from '../webhook/request-view.tsx';

const REFRESH_MS = 4000;

const detailed = (item: NodeRunItem) =>
  Boolean(item.request || item.response || item.error || item.deliveryId || item.attributes);

/** One row per run: the server lists each step (entered, webhook…); keep the one with the request. */
export function onePerRun(items: NodeRunItem[]): NodeRunItem[] {
  const byRun = new Map<string, NodeRunItem>();
  for (const item of items) {
    const kept = byRun.get(item.runId);
    if (!kept || (!detailed(kept) && detailed(item))) byRun.set(item.runId, item);
  }
  return [...byRun.values()];
}

/** What a set-attributes step saved on the customer, or why it could not. */
function AttributesView({
  values,
  error,
}: {
  values?: Record<string, unknown> | null;
  error?: string | null;
}) {
  return (
    <section className="http-message" aria-label="Attributes set">
      <div className="http-caption">Attributes set</div>
      {error && <p className="field-error">{error}</p>}
      {values && (
        <dl className="attribute-values">
          {Object.entries(values).map(([key, value]) => (
            <div key={key}>
              <dt className="mono">{key}</dt>
              <dd className="mono">{JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The latest runs through one node, with the rendered request and response of webhook steps. */
export function NodeRunsPanel({ scenarioId, nodeId }: { scenarioId: string; nodeId: string }) {
  const [items, setItems] = useState<NodeRunItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  // The live counts change when a run passes here: fetch the list then, not only on the timer.
  const version = useEditorStore((state) => state.statsVersion);
  const activity = useEditorStore((state) => {
    const counts = state.stats?.[nodeId];
    return counts ? `${counts.entered}/${counts.waiting}/${counts.succeeded}/${counts.failed}` : '';
  });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const result = await scenariosApi.nodeRuns(scenarioId, nodeId, version);
        if (!stopped) setItems(onePerRun(result.items));
      } catch (failure) {
        if (stopped) return;
        // An older server has no activity route: say so once instead of polling it.
        if (failure instanceof ApiError && failure.status === 404)
          return setError('Run activity is not available on this server.');
        setError(errorMessage(failure));
      }
      if (!stopped) timer = setTimeout(() => void load(), REFRESH_MS);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [scenarioId, nodeId, activity, version]);

  if (error) return <p className="muted small">{error}</p>;
  if (!items) return <p className="muted small">Loading runs…</p>;
  if (items.length === 0) return <p className="muted small">No run has reached this node yet.</p>;
  return (
    <ul className="node-runs" aria-label="Recent runs">
      {items.map((item, index) => {
        const key = `${item.runId}-${item.at}-${index}`;
        const expandable = detailed(item);
        return (
          <li key={key} className={`node-run status-${item.status}`}>
            <button
              type="button"
              className="node-run-head"
              aria-expanded={open === key}
              disabled={!expandable}
              onClick={() => setOpen(open === key ? null : key)}
            >
              <span className={`run-status ${item.status}`}>{item.status}</span>
              <span className="mono">{item.customerId}</span>
              {item.version !== undefined && <span className="badge">v{item.version}</span>}
              {item.response?.status !== undefined && (
                <span className="http-status-chip">{item.response.status}</span>
              )}
              {item.batch && <span className="badge">batch of {item.batch.size}</span>}
              {item.branch && (
                <span className={`branch-chip branch-${item.branch}`} title="The way this customer went">
                  → {item.branch}
                </span>
              )}
              <span className="muted small" title={formatDate(item.at)}>
                {formatAgo(item.at)}
              </span>
            </button>
            {open === key && (
              <div className="node-run-detail">
                {item.request && <RequestView request={item.request} />}
                {item.batch && item.deliveryId ? (
                  <BatchExchange deliveryId={item.deliveryId} error={item.error} />
                ) : item.kind === 'attributes' ? (
                  <AttributesView values={item.attributes} error={item.error} />
                ) : (
                  (item.response || item.error) && (
                    <ResponseView response={item.response} error={item.error} />
                  )
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A batch's request and answer are stored once for all its runs: fetched when a row is opened. */
function BatchExchange({ deliveryId, error }: { deliveryId: string; error?: string | null }) {
  const [delivery, setDelivery] = useState<DeliveryView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    scenariosApi.delivery(deliveryId).then(
      (found) => !stopped && setDelivery(found),
      (problem: unknown) => !stopped && setFailure(errorMessage(problem)),
    );
    return () => {
      stopped = true;
    };
  }, [deliveryId]);
  if (failure) return <p className="alert small">{failure}</p>;
  if (!delivery) return <p className="muted small">Loading the batch request…</p>;
  return (
    <>
      <RequestView request={delivery.request} />
      {(delivery.response || error) && <ResponseView response={delivery.response} error={error} />}
    </>
  );
}
