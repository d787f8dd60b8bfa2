import { type FormEvent, useState } from 'react';
import { saveApiKey } from '../api/api-client.ts';

/** Asks for the management API key printed at first start (also in `<DATA_DIR>/api-key`). */
export function ApiKeyForm({ onSaved }: { onSaved: () => void }) {
  const [key, setKey] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    saveApiKey(key);
    onSaved();
  };
  return (
    <form onSubmit={submit} className="api-key-form card">
      <h1>Connect to Hookflow</h1>
      <label htmlFor="api-key">API key</label>
      <input
        id="api-key"
        type="password"
        value={key}
        onChange={(event) => setKey(event.target.value)}
        autoFocus
      />
      <button type="submit" className="btn primary" disabled={key.trim() === ''}>
        Connect
      </button>
      <p className="muted small">
        The server printed the key when it first started; it is also stored in the data folder’s api-key file.
      </p>
    </form>
  );
}
