import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../api/api-client.ts';
import {
  type IntegrationRecord,
  type IntegrationTestResult,
  integrationsApi,
} from '../api/integrations-api.ts';
import {
  draftOf,
  emptyDraft,
  INTEGRATION_TYPES,
  type IntegrationDraft,
  inputOf,
} from './integration-draft.ts';
import { IntegrationForm } from './integration-form.tsx';
import { OneTimeSecret } from '../ui/one-time-secret.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { useRecordList } from '../ui/use-record-list.ts';
import { RecordTable } from '../ui/record-table.tsx';

type Editing = { kind: 'new' } | { kind: 'edit'; record: IntegrationRecord } | null;

/** Settings → Integrations: the credentials webhooks send, write-only, with a test call each. */
export function IntegrationsPage() {
  const { items, error, setError, reload } = useRecordList(integrationsApi.list);
  const [editing, setEditing] = useState<Editing>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [generated, setGenerated] = useState<{ name: string; secret: string } | null>(null);
  const [tests, setTests] = useState<Record<string, IntegrationTestResult | 'running'>>({});

  const save = async (draft: IntegrationDraft) => {
    setFormError(null);
    try {
      if (editing?.kind === 'edit') await integrationsApi.update(editing.record.id, inputOf(draft));
      else {
        const created = await integrationsApi.create(inputOf(draft));
        if (created.secret) setGenerated({ name: created.name, secret: created.secret });
      }
      setEditing(null);
      await reload();
    } catch (failure) {
      setFormError(errorMessage(failure));
    }
  };
  const test = async (id: string) => {
    setTests((current) => ({ ...current, [id]: 'running' }));
    const result = await integrationsApi
      .test(id)
      .catch((failure: unknown): IntegrationTestResult => ({ ok: false, error: errorMessage(failure) }));
    setTests((current) => ({ ...current, [id]: result }));
  };
  const remove = async (record: IntegrationRecord) => {
    if (!window.confirm(`Delete the integration "${record.name}"?`)) return;
    await integrationsApi.remove(record.id).catch((failure: unknown) => setError(errorMessage(failure)));
    await reload();
  };

  return (
    <div className="page integrations-page">
      <PageHead
        title="Integrations"
        description="Credentials webhooks send to an API. Secrets are write-only: they are never shown again."
        error={error}
        actions={
          !editing && (
            <button type="button" className="btn primary" onClick={() => setEditing({ kind: 'new' })}>
              New integration
            </button>
          )
        }
      />
      {generated && (
        <OneTimeSecret
          title={`Signing secret of ${generated.name}`}
          warning="Copy it now: it is shown only this once. The receiving side verifies signatures with it."
          secret={generated.secret}
          onDone={() => setGenerated(null)}
        />
      )}
      {editing && (
        <IntegrationForm
          key={editing.kind === 'edit' ? editing.record.id : 'new'}
          initial={editing.kind === 'edit' ? draftOf(editing.record) : emptyDraft()}
          editing={editing.kind === 'edit'}
          error={formError}
          onSubmit={save}
          onCancel={() => {
            setEditing(null);
            setFormError(null);
          }}
        />
      )}
      <RecordTable
        items={items}
        columns={['Name', 'Type', 'Endpoint prefix', 'Test']}
        empty={{
          title: 'No integrations yet',
          hint: "Add the API credentials your webhooks need; pick them on a webhook's Endpoint tab.",
        }}
      >
        {(rows) =>
          rows.map((item) => (
            <tr key={item.id} data-integration-id={item.id}>
              <td className="scenario-name">{item.name}</td>
              <td>{INTEGRATION_TYPES.find((option) => option.type === item.type)?.title ?? item.type}</td>
              <td className="mono small">{item.endpointPrefix}</td>
              <td>
                <TestResult result={tests[item.id]} />
              </td>
              <td className="row-actions">
                <button
                  type="button"
                  className="btn small"
                  disabled={tests[item.id] === 'running'}
                  onClick={() => void test(item.id)}
                >
                  <KeyRound size={14} aria-hidden /> Test credentials
                </button>
                <button
                  type="button"
                  className="btn small"
                  onClick={() => setEditing({ kind: 'edit', record: item })}
                >
                  Edit
                </button>
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

function TestResult({ result }: { result: IntegrationTestResult | 'running' | undefined }) {
  if (result === undefined) return <span className="muted small">—</span>;
  if (result === 'running') return <span className="muted small">Testing…</span>;
  const status = result.status === undefined ? '' : `HTTP ${result.status}`;
  return (
    <span className={`small ${result.ok ? 'ok-text' : 'danger-text'}`} data-testid="integration-test-result">
      {result.ok ? 'OK' : 'Failed'} {status} {result.error ?? ''}
    </span>
  );
}
