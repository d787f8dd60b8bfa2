import { BellRing } from 'lucide-react';
import type { Subscription } from '../../../engine/subscriptions/subscription-schema.ts';
import { errorMessage } from '../api/api-client.ts';
import { subscriptionsApi } from '../api/subscriptions-api.ts';
import { formatAgo } from '../scenarios/format-date.ts';
import { PageHead } from '../ui/page-head.tsx';
import { RecordTable } from '../ui/record-table.tsx';
import { useRecordList } from '../ui/use-record-list.ts';
import { SubscriptionStatus } from './subscription-status.tsx';

const editLink = (id: string) => `#/settings/subscriptions/${encodeURIComponent(id)}`;

/** Settings → Subscriptions: where Hookflow's own events go, and how each endpoint is doing. */
export function SubscriptionsPage() {
  const { items, error, setError, reload } = useRecordList(subscriptionsApi.list);
  const remove = async (subscription: Subscription) => {
    if (!window.confirm(`Delete the subscription "${subscription.name}" and its delivery log?`)) return;
    await subscriptionsApi
      .remove(subscription.id)
      .catch((failure: unknown) => setError(errorMessage(failure)));
    await reload();
  };
  return (
    <div className="page subscriptions-page">
      <PageHead
        title="Event subscriptions"
        description="Hookflow's own events (runs, webhooks, customers, launches, activations) POSTed to your endpoints, one call per event."
        error={error}
        actions={
          <a className="btn primary" href="#/settings/subscriptions/new">
            New subscription
          </a>
        }
      />
      <RecordTable
        items={items}
        columns={['Name', 'URL', 'Events', 'Status', 'Last success']}
        empty={{
          title: 'No subscriptions yet',
          hint: 'Create one to have run, webhook and customer events sent to another system.',
          icon: <BellRing size={28} aria-hidden />,
        }}
      >
        {(rows) =>
          rows.map((item) => (
            <tr key={item.id} data-subscription-id={item.id}>
              <td className="scenario-name">
                <a href={editLink(item.id)}>{item.name}</a>
              </td>
              <td className="mono small request-cell" title={item.url}>
                {item.url}
              </td>
              <td data-testid="subscription-event-count">{item.events.length}</td>
              <td>
                <SubscriptionStatus subscription={item} />
              </td>
              <td className="muted small">
                {item.health.lastSuccessAt ? formatAgo(item.health.lastSuccessAt) : '—'}
              </td>
              <td className="row-actions">
                <a className="btn small" href={editLink(item.id)}>
                  Edit
                </a>
                <button type="button" className="btn small ghost" onClick={() => void remove(item)}>
                  Delete
                </button>
              </td>
            </tr>
          ))
        }
      </RecordTable>
    </div>
  );
}
