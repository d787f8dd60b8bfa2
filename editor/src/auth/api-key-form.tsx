import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, errorMessage, saveApiKey } from '../api/api-client.ts';
import { type ApiKeySource, sessionApi } from '../api/session-api.ts';

export interface ApiKeyFormProps {
  onSaved: () => void;
  /** Why the form is shown again, e.g. the saved key was refused. */
  notice?: string | null;
}

/**
 * Asks for an API key and checks it with the server before keeping it: a refused key stays in
 * the field with the reason, so the user can correct it.
 */
export function ApiKeyForm({ onSaved, notice = null }: ApiKeyFormProps) {
  const [key, setKey] = useState('');
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(notice);
  const [source, setSource] = useState<ApiKeySource | null>(null);
  useEffect(() => {
    void sessionApi.apiKeySource().then(setSource);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecking(true);
    setProblem(null);
    try {
      await sessionApi.check(key);
      saveApiKey(key);
      onSaved();
    } catch (failure) {
      setProblem(refusal(failure));
      setChecking(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="api-key-form card">
      <h1>Connect to Hookflow</h1>
      <label htmlFor="api-key">API key</label>
      <input
        id="api-key"
        type="password"
        value={key}
        aria-invalid={problem !== null}
        aria-describedby={problem ? 'api-key-problem' : 'api-key-hint'}
        onChange={(event) => setKey(event.target.value)}
        autoFocus
      />
      {problem && (
        <p className="alert small" id="api-key-problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="btn primary" disabled={key.trim() === '' || checking}>
        {checking ? 'Checking…' : 'Connect'}
      </button>
      <p className="muted small" id="api-key-hint">
        {whereToFind(source)}
      </p>
    </form>
  );
}

function refusal(failure: unknown): string {
  if (failure instanceof ApiError && failure.status === 401)
    return 'The server refused this key. Check that it was copied whole and try again.';
  if (failure instanceof ApiError && failure.status === 403)
    return 'This key may only send events. Sign in with an admin key.';
  return `Could not check the key: ${errorMessage(failure)}`;
}

function whereToFind(source: ApiKeySource | null): string {
  const named = 'An admin key created on the API keys page works too.';
  if (source === 'environment')
    return `This server takes its management key from the HOOKFLOW_API_KEY setting: ask whoever runs it. ${named}`;
  if (source === 'data-folder')
    return `The server printed the management key when it first started and keeps it in the api-key file of its data folder (./data by default). ${named}`;
  return `Use the management key (HOOKFLOW_API_KEY, or the api-key file in the server's data folder) or an admin key from the API keys page.`;
}
