import { RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../api/api-client.ts';
import { hooksApi } from '../api/hooks-api.ts';
import { useHashRoute } from '../routing/use-hash-route.ts';
import { CopyButton } from './copy-button.tsx';
import { absoluteUrl, exampleGet, examplePost } from './hook-examples.ts';
import { useHookUrl } from './use-hook-url.ts';

/** The launch hook URL of a node, with copy buttons, example calls and a rotation button. */
export function HookUrlPanel({ nodeId, delaySeconds }: { nodeId: string; delaySeconds: number }) {
  const route = useHashRoute();
  const scenarioId = route.page === 'editor' ? route.scenarioId : undefined;
  const { state, reload } = useHookUrl(scenarioId, nodeId);
  const [rotating, setRotating] = useState(false);
  const [rotateError, setRotateError] = useState<string | null>(null);

  const rotate = async () => {
    if (!scenarioId) return;
    if (!window.confirm('Rotate the URL? The current one stops working at once.')) return;
    setRotating(true);
    setRotateError(null);
    try {
      await hooksApi.rotate(scenarioId, nodeId);
      reload();
    } catch (failure) {
      setRotateError(errorMessage(failure));
    } finally {
      setRotating(false);
    }
  };

  if (state.kind === 'loading') return <p className="muted small">Loading the hook URL…</p>;
  if (state.kind === 'error')
    return (
      <p className="alert small" role="alert">
        Could not load the hook URL: {state.message}
      </p>
    );
  if (state.kind === 'absent')
    return (
      <div className="hook-url card" data-testid="hook-url-absent">
        <p className="muted small">
          Save the scenario to get its URL (drafts save on their own in a moment).
        </p>
      </div>
    );

  const url = absoluteUrl(state.hook.url);
  return (
    <div className="hook-url" data-testid="hook-url">
      <div className="field">
        <label htmlFor={`hook-url-${nodeId}`}>Launch hook URL</label>
        <div className="copy-row">
          <input
            id={`hook-url-${nodeId}`}
            className="mono"
            readOnly
            value={url}
            onFocus={(e) => e.target.select()}
          />
          <CopyButton text={url} label="Copy hook URL" />
        </div>
        <p className="field-hint">
          {state.hook.enabled
            ? delaySeconds > 0
              ? `Live: a call starts runs ${delaySeconds} s later; a new call before then replaces it.`
              : 'Live: a call starts runs at once.'
            : 'Answers 404 until the scenario is activated.'}
        </p>
      </div>
      <div className="button-row">
        <CopyButton text={exampleGet(url)} label="Copy example GET call" />
        <span className="muted small">GET targets the audience below.</span>
      </div>
      <div className="button-row">
        <CopyButton text={examplePost(url)} label="Copy example POST call" />
        <span className="muted small">POST can bring its own audience and set variables.</span>
      </div>
      <details className="hook-examples">
        <summary>Example calls</summary>
        <pre className="mono small">{exampleGet(url)}</pre>
        <pre className="mono small">{examplePost(url)}</pre>
      </details>
      <div className="button-row">
        <button type="button" className="btn small ghost" disabled={rotating} onClick={() => void rotate()}>
          <RefreshCw size={14} aria-hidden /> Rotate URL
        </button>
        {rotateError && (
          <span className="danger-text small" role="alert">
            {rotateError}
          </span>
        )}
      </div>
    </div>
  );
}
