import { type FormEvent, useState } from 'react';
import type { ApiKeyInput, ApiKeyScope } from '../../../engine/api-keys/api-key-schema.ts';
import { FormFooter } from '../ui/form-footer.tsx';

const SCOPES: { scope: ApiKeyScope; title: string; hint: string }[] = [
  { scope: 'admin', title: 'Admin', hint: 'The whole API and this editor.' },
  { scope: 'ingest', title: 'Ingest', hint: 'Only sends events (POST /api/events): for CRMs, shops, apps.' },
];

export interface NewApiKeyFormProps {
  error: string | null;
  busy: boolean;
  onSubmit: (input: ApiKeyInput) => void;
  onCancel: () => void;
}

/** Name and scope of a new key; the name is what "who changed" shows for its changes. */
export function NewApiKeyForm({ error, busy, onSubmit, onCancel }: NewApiKeyFormProps) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('admin');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ name: name.trim(), scope });
  };
  return (
    <form className="integration-form card" onSubmit={submit} aria-label="New API key">
      <h2>New API key</h2>
      <div className="form-grid">
        <label>
          Name
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. CRM sync, Anna's laptop"
            maxLength={100}
            autoFocus
          />
          <span className="field-hint">Recorded as the author of what this key changes.</span>
        </label>
        <fieldset className="scope-choice">
          <legend>Scope</legend>
          {SCOPES.map((option) => (
            <label key={option.scope} className="radio-row">
              <input
                type="radio"
                name="scope"
                value={option.scope}
                checked={scope === option.scope}
                onChange={() => setScope(option.scope)}
              />
              <span>
                <strong>{option.title}</strong> <span className="field-hint">{option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </div>
      <FormFooter
        error={error}
        submitLabel="Create key"
        busy={busy || name.trim() === ''}
        onCancel={onCancel}
      />
    </form>
  );
}
