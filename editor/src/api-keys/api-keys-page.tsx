import { useState } from 'react';
import type { ApiKeyInput, ApiKeySummary } from '../../../engine/api-keys/api-key-schema.ts';
import { errorMessage } from '../api/api-client.ts';
import { apiKeysApi } from '../api/api-keys-api.ts';
import { formatAgo, formatDate } from '../scenarios/format-date.ts';
import { OneTimeSecret } from '../ui/one-time-secret.tsx';
import { NewApiKeyForm } from './new-api-key-form.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { useRecordList } from '../ui/use-record-list.ts';
import { RecordTable } from '../ui/record-table.tsx';

/** Settings → API keys: named keys with a scope; a key is shown once, then only its hint. */
export function ApiKeysPage() {
  const { items, error, setError, reload } = useRecordList(apiKeysApi.list);
  const [creating, setCreating] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  const create = async (input: ApiKeyInput) => {
    setBusy(true);
    setFormError(null);
    try {
      const answer = await apiKeysApi.create(input);
      setCreated({ name: answer.name, key: answer.key });
      setCreating(false);
      await reload();
    } catch (failure) {
      setFormError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (item: ApiKeySummary) => {
    const question = `Revoke the API key "${item.name}"? Anything using it is refused from now on.`;
    if (!window.confirm(question)) return;
    await apiKeysApi.revoke(item.id).catch((failure: unknown) => setError(errorMessage(failure)));
    await reload();
  };

  return (
    <div className="page api-keys-page">
      <PageHead
        title="API keys"
        description={
          <>
            Named keys for people and systems. Each change a key makes is recorded under its name. The key
            from the data folder (or <code>HOOKFLOW_API_KEY</code>) keeps working and is not listed.
          </>
        }
        error={error}
        actions={
          !creating && (
            <button type="button" className="btn primary" onClick={() => setCreating(true)}>
              New API key
            </button>
          )
        }
      />
      {created && (
        <OneTimeSecret
          title={`API key "${created.name}"`}
          warning="Copy it now and keep it somewhere safe: it is shown only this once. Hookflow keeps only a hash of it; if it is lost, revoke it and create another."
          secret={created.key}
          onDone={() => setCreated(null)}
        />
      )}
      {creating && (
        <NewApiKeyForm
          error={formError}
          busy={busy}
          onSubmit={(input) => void create(input)}
          onCancel={() => {
            setCreating(false);
            setFormError(null);
          }}
        />
      )}
      <RecordTable
        items={items}
        columns={['Name', 'Scope', 'Key', 'Created', 'Last used']}
        empty={{
          title: 'No named keys yet',
          hint: 'Create one per person or sending system, so you can revoke it alone.',
        }}
      >
        {(rows) =>
          rows.map((item) => <ApiKeyRow key={item.id} item={item} onRevoke={(key) => void revoke(key)} />)
        }
      </RecordTable>
    </div>
  );
}

function ApiKeyRow({ item, onRevoke }: { item: ApiKeySummary; onRevoke: (item: ApiKeySummary) => void }) {
  return (
    <tr data-api-key-id={item.id}>
      <td className="scenario-name">{item.name}</td>
      <td>
        <span className={`badge scope-${item.scope}`}>{item.scope}</span>
      </td>
      <td className="mono small">{item.hint}</td>
      <td className="small">{formatDate(item.createdAt)}</td>
      <td className="small muted" title={item.lastUsedAt ? formatDate(item.lastUsedAt) : undefined}>
        {item.lastUsedAt ? formatAgo(item.lastUsedAt) : 'Never'}
      </td>
      <td className="row-actions">
        <button type="button" className="btn small danger" onClick={() => onRevoke(item)}>
          Revoke
        </button>
      </td>
    </tr>
  );
}
