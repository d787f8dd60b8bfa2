import { Plus, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import type { IntegrationType } from '../../../engine/integrations/integration-schema.ts';
import {
  INTEGRATION_TYPES,
  type IntegrationDraft,
  isSecretField,
  OPTIONAL_FIELDS,
  storedHeaderSecret,
  storedSecret,
} from './integration-draft.ts';
import { FormFooter } from '../ui/form-footer.tsx';

const LABELS: Record<string, string> = {
  token: 'Token',
  username: 'Username',
  password: 'Password',
  tokenUrl: 'Token URL',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  scope: 'Scope',
  audience: 'Audience',
  secret: 'Signing secret',
};

export interface IntegrationFormProps {
  initial: IntegrationDraft;
  /** Editing an existing integration: its type is fixed. */
  editing: boolean;
  error: string | null;
  onSubmit: (draft: IntegrationDraft) => Promise<void>;
  onCancel: () => void;
}

/** Name, endpoint prefix, the type's credentials (secrets write-only) and the test call. */
export function IntegrationForm({ initial, editing, error, onSubmit, onCancel }: IntegrationFormProps) {
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const spec = INTEGRATION_TYPES.find((candidate) => candidate.type === draft.type);
  const setField = (field: string, value: string) =>
    setDraft((current) => ({ ...current, fields: { ...current.fields, [field]: value } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit(draft);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="integration-form card" onSubmit={submit} aria-label="Integration">
      <h2>{editing ? `Edit ${initial.name}` : 'New integration'}</h2>
      <div className="form-grid">
        <label>
          Type
          <select
            value={draft.type}
            disabled={editing}
            onChange={(event) =>
              setDraft({ ...draft, type: event.target.value as IntegrationType, fields: {} })
            }
          >
            {INTEGRATION_TYPES.map((option) => (
              <option key={option.type} value={option.type}>
                {option.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name
          <input value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </label>
        <label className="wide">
          Endpoint prefix
          <input
            className="mono"
            placeholder="https://api.example.com/v1"
            aria-describedby="endpoint-prefix-hint"
            value={draft.endpointPrefix}
            onChange={(event) => setDraft({ ...draft, endpointPrefix: event.target.value })}
          />
        </label>
        <span className="field-hint wide" id="endpoint-prefix-hint">
          Credentials are only ever sent to URLs under this prefix.
        </span>
        {spec?.fields.map((field) => (
          <CredentialField
            key={field}
            label={LABELS[field] ?? field}
            secret={isSecretField(draft.type, field)}
            stored={storedSecret(draft, field)}
            optional={OPTIONAL_FIELDS.has(field)}
            hint={field === 'secret' && !editing ? 'Leave empty to generate one (shown once).' : undefined}
            value={draft.fields[field] ?? ''}
            onChange={(value) => setField(field, value)}
          />
        ))}
      </div>
      {draft.type === 'headers' && <HeadersEditor draft={draft} setDraft={setDraft} />}
      <h3 className="section-title">Test call</h3>
      <div className="form-grid">
        <label>
          Method
          <select
            value={draft.testMethod}
            onChange={(event) => setDraft({ ...draft, testMethod: event.target.value })}
          >
            {['GET', 'POST', 'PUT', 'DELETE', 'HEAD'].map((method) => (
              <option key={method}>{method}</option>
            ))}
          </select>
        </label>
        <label>
          Path under the prefix
          <input
            className="mono"
            placeholder="/me"
            value={draft.testPath}
            onChange={(event) => setDraft({ ...draft, testPath: event.target.value })}
          />
        </label>
      </div>
      <FormFooter error={error} submitLabel={editing ? 'Save' : 'Create'} busy={busy} onCancel={onCancel} />
    </form>
  );
}

interface CredentialFieldProps {
  label: string;
  secret: boolean;
  stored: ReturnType<typeof storedSecret>;
  optional: boolean;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}

const STORED_HINT = {
  stored: 'Stored and hidden. Type a new value to replace it.',
  moved: 'The endpoint prefix now points at another host: enter it again.',
};

/** A stored secret is never shown: the field stays empty with a placeholder, and empty keeps it. */
function CredentialField({ label, secret, stored, optional, hint, value, onChange }: CredentialFieldProps) {
  const id = useId();
  const help = hint ?? (stored ? STORED_HINT[stored] : undefined);
  return (
    <div className="form-field">
      <label htmlFor={id}>
        {label}
        {optional && <span className="muted"> (optional)</span>}
      </label>
      <input
        id={id}
        type={secret ? 'password' : 'text'}
        autoComplete={secret ? 'new-password' : 'off'}
        placeholder={stored === 'stored' ? '•••••••• (unchanged)' : ''}
        aria-describedby={help ? `${id}-hint` : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {help && (
        <span className="field-hint" id={`${id}-hint`}>
          {help}
        </span>
      )}
    </div>
  );
}

function HeadersEditor({
  draft,
  setDraft,
}: {
  draft: IntegrationDraft;
  setDraft: (draft: IntegrationDraft) => void;
}) {
  const update = (index: number, patch: Partial<IntegrationDraft['headers'][number]>) =>
    setDraft({
      ...draft,
      headers: draft.headers.map((header, at) => (at === index ? { ...header, ...patch } : header)),
    });
  return (
    <div className="integration-headers">
      <h3 className="section-title">Headers</h3>
      {draft.headers.map((header, index) => (
        <div className="integration-header-row" key={index}>
          <input
            aria-label={`Header ${index + 1} name`}
            placeholder="X-Api-Key"
            value={header.key}
            onChange={(event) => update(index, { key: event.target.value })}
          />
          <input
            aria-label={`Header ${index + 1} value`}
            type={header.secret ? 'password' : 'text'}
            placeholder={storedHeaderSecret(draft, header) === 'stored' ? '•••••••• (unchanged)' : ''}
            title={storedHeaderSecret(draft, header) === 'moved' ? STORED_HINT.moved : undefined}
            value={header.value}
            onChange={(event) => update(index, { value: event.target.value })}
          />
          <label className="switch">
            <input
              type="checkbox"
              checked={header.secret}
              onChange={(event) => update(index, { secret: event.target.checked })}
            />
            <span>Secret</span>
          </label>
          <button
            type="button"
            className="icon-btn"
            aria-label={`Remove header ${index + 1}`}
            onClick={() => setDraft({ ...draft, headers: draft.headers.filter((_, at) => at !== index) })}
          >
            <Trash2 size={14} aria-hidden />
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn small"
        onClick={() =>
          setDraft({ ...draft, headers: [...draft.headers, { key: '', value: '', secret: true }] })
        }
      >
        <Plus size={14} aria-hidden /> Add header
      </button>
    </div>
  );
}
