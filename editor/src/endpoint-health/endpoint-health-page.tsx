import { Activity, TriangleAlert } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { WARN_AFTER_FAILURES } from '../../../engine/webhook/endpoint-health.ts';
import { errorMessage } from '../api/api-client.ts';
import { type EndpointHealthReport, endpointHealthApi } from '../api/endpoint-health-api.ts';
import { formatAgo } from '../scenarios/format-date.ts';
import { PageHead } from '../ui/page-head.tsx';
import { RecordTable } from '../ui/record-table.tsx';

const WINDOWS = [
  { hours: 1, label: 'Last hour' },
  { hours: 24, label: 'Last 24 hours' },
  { hours: 168, label: 'Last 7 days' },
];

const percent = (rate: number) => `${Math.round(rate * 1000) / 10} %`;

/**
 * Settings → Endpoint health: how scenario webhooks are doing per host, from the stored
 * deliveries of every process. A failing host gets a warning; its webhooks keep being sent.
 */
export function EndpointHealthPage() {
  const [hours, setHours] = useState(24);
  const [report, setReport] = useState<EndpointHealthReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setReport(await endpointHealthApi.get(hours));
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [hours]);
  useEffect(() => void load(), [load]);
  const warned = report?.hosts.filter((host) => host.warning) ?? [];
  return (
    <div className="page endpoint-health-page">
      <PageHead
        title="Endpoint health"
        description={`Scenario webhooks per host: success rate, failures in a row and the last error. A host with ${WARN_AFTER_FAILURES} failures in a row or under half successful is flagged; nothing is disabled.`}
        error={error}
        actions={
          <select
            aria-label="Period"
            value={hours}
            onChange={(event) => setHours(Number(event.target.value))}
          >
            {WINDOWS.map((window) => (
              <option key={window.hours} value={window.hours}>
                {window.label}
              </option>
            ))}
          </select>
        }
      />
      {warned.length > 0 && (
        <div className="health-banner" role="alert">
          <TriangleAlert size={16} aria-hidden /> {warned.map((host) => host.host).join(', ')}{' '}
          {warned.length === 1 ? 'is' : 'are'} failing: check the endpoint, its credentials, or the failure
          edges of the webhooks that call it.
        </div>
      )}
      {report?.sampled && (
        <p className="muted small">
          Only the newest {report.deliveries} deliveries of the period are counted.
        </p>
      )}
      <RecordTable
        items={report?.hosts ?? null}
        columns={[
          'Host',
          { label: 'Deliveries', numeric: true },
          { label: 'Success rate', numeric: true },
          { label: 'Failures in a row', numeric: true },
          'Last error',
          'Last success',
        ]}
        empty={{
          title: 'No webhook deliveries in this period',
          hint: 'Hosts appear here once scenario webhooks have been sent to them.',
          icon: <Activity size={28} aria-hidden />,
        }}
      >
        {(rows) =>
          rows.map((host) => (
            <tr key={host.host} data-host={host.host} className={host.warning ? 'warning-row' : ''}>
              <td className="mono">
                {host.host}
                {host.warning && <span className="badge warn-badge">Warning</span>}
              </td>
              <td className="numeric">{host.deliveries}</td>
              <td className="numeric" data-testid="success-rate">
                {percent(host.successRate)}
              </td>
              <td className="numeric">{host.consecutiveFailures}</td>
              <td className="small request-cell" title={host.lastError ?? undefined}>
                {host.lastError ? (
                  <>
                    {host.lastError}
                    {host.lastFailureAt && <span className="muted"> · {formatAgo(host.lastFailureAt)}</span>}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="muted small">{host.lastSuccessAt ? formatAgo(host.lastSuccessAt) : '—'}</td>
              <td />
            </tr>
          ))
        }
      </RecordTable>
    </div>
  );
}
