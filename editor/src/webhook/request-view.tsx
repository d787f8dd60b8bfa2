import type { ReceivedResponse, RenderedRequest } from '../api/api-types.ts';

/** Pretty-prints JSON bodies; anything else is shown as received. */
export function prettyBody(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body !== 'string') return JSON.stringify(body, null, 2);
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Headers({ headers }: { headers?: Record<string, string> | null }) {
  const entries = Object.entries(headers ?? {});
  if (entries.length === 0) return null;
  return (
    <dl className="http-headers">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RequestView({ request }: { request: RenderedRequest }) {
  return (
    <section className="http-message" aria-label="Rendered request">
      <div className="http-caption">Request</div>
      <div className="http-line">
        <span className="http-method">{request.method}</span>{' '}
        <span className="mono break">{request.url}</span>
      </div>
      <Headers headers={request.headers} />
      {request.body && <pre className="http-body">{prettyBody(request.body)}</pre>}
    </section>
  );
}

export function ResponseView({
  response,
  error,
}: {
  response?: ReceivedResponse | null;
  error?: string | null;
}) {
  const status = response?.status;
  return (
    <section className="http-message" aria-label="Response">
      <div className="http-caption">Response</div>
      {status !== undefined && (
        <div className="http-line">
          <span className={`http-status ${status >= 200 && status < 300 ? 'ok' : 'bad'}`}>{status}</span>
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
      <Headers headers={response?.headers} />
      {response && (
        <pre className="http-body">{prettyBody(response.body ?? response.json ?? response.data)}</pre>
      )}
    </section>
  );
}
