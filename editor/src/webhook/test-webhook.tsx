import { Play, Send } from 'lucide-react';
import { useState } from 'react';
import { WebhookNodeSchema } from '../../../engine/scenario/index.ts';
import { ApiError, errorMessage } from '../api/api-client.ts';
import type { WebhookTestResult } from '../api/api-types.ts';
import { scenariosApi } from '../api/scenarios-api.ts';
import { useEditorStore, useEditorStoreApi } from '../store/editor-store-context.tsx';
import { RequestView, ResponseView } from './request-view.tsx';
import { sampleData } from './sample-data.ts';

/** Renders the node's request with sample data, and on demand sends it and shows the answer. */
export function TestWebhook({ nodeId, config }: { nodeId: string; config: Record<string, unknown> }) {
  // Until edited, the sample follows the node's mode (one customer, or a batch of two) and the
  // fields the scenario reads; read once per render of this form, not on every canvas change.
  const [edited, setEdited] = useState<string | null>(null);
  const storeApi = useEditorStoreApi();
  const batch = config.batch !== undefined;
  const sample = edited ?? JSON.stringify(sampleData({ nodes: storeApi.getState().nodes, batch }), null, 2);
  const [result, setResult] = useState<WebhookTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setTestedFields = useEditorStore((state) => state.setTestedFields);

  const run = async (send: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const parsed = WebhookNodeSchema.safeParse({ id: nodeId, type: 'webhook', config });
      if (!parsed.success)
        throw new Error(`Fix the settings first: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      let parsedSample: unknown;
      try {
        parsedSample = JSON.parse(sample);
      } catch {
        throw new Error('Sample data is not valid JSON');
      }
      const tested = await scenariosApi.testWebhook({
        node: { ...parsed.data, config: { ...config, ...parsed.data.config } },
        sample: parsedSample,
        send,
      });
      setResult(tested);
      // The answer's fields are suggested after this node (`webhook.`) until the page closes.
      if (tested.fields) setTestedFields(nodeId, tested.fields);
    } catch (failure) {
      setResult(null);
      setError(
        failure instanceof ApiError && failure.status === 404
          ? 'The server does not offer webhook tests yet.'
          : errorMessage(failure),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="test-webhook" aria-label="Test webhook">
      <details>
        <summary>Sample data</summary>
        <textarea
          aria-label="Sample data"
          className="mono"
          rows={8}
          value={sample}
          onChange={(event) => setEdited(event.target.value)}
        />
      </details>
      <div className="button-row">
        <button type="button" className="btn" disabled={busy} onClick={() => void run(false)}>
          <Play size={14} aria-hidden /> Test webhook
        </button>
        {result && (
          <button type="button" className="btn primary" disabled={busy} onClick={() => void run(true)}>
            <Send size={14} aria-hidden /> Send request
          </button>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && <RequestView request={result.request} />}
      {result?.response && <ResponseView response={result.response} error={result.response.error ?? null} />}
    </section>
  );
}
