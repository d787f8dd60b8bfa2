import { Gauge } from 'lucide-react';
import { useState } from 'react';
import type { ThroughputPolicyInput } from '../../../engine/throughput/throughput-policy-schema.ts';
import { errorMessage } from '../api/api-client.ts';
import { type ThroughputPolicyRecord, throughputApi } from '../api/throughput-api.ts';
import { formatDate } from '../scenarios/format-date.ts';
import { ThroughputPolicyForm } from './throughput-policy-form.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { useRecordList } from '../ui/use-record-list.ts';
import { RecordTable } from '../ui/record-table.tsx';

const NEW_POLICY: ThroughputPolicyInput = { name: '', concurrency: 10 };

/** Settings → Throughput: named concurrency limits shared by every webhook that picks them. */
export function ThroughputPage() {
  const { items, error, setError, reload } = useRecordList(throughputApi.list);
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const closeForms = () => {
    setCreating(false);
    setEditingId(null);
    setFormError(null);
  };
  const save = (id: string | null) => async (input: ThroughputPolicyInput) => {
    try {
      if (id) await throughputApi.update(id, input);
      else await throughputApi.create(input);
      closeForms();
      await reload();
    } catch (failure) {
      setFormError(errorMessage(failure));
    }
  };
  const remove = async (policy: ThroughputPolicyRecord) => {
    if (!window.confirm(`Delete the throughput policy "${policy.name}"?`)) return;
    setError(null);
    // Refused (409) while an active scenario uses it: the server's message names those scenarios.
    await throughputApi
      .remove(policy.id)
      .catch((failure: unknown) => setError(`Cannot delete “${policy.name}”: ${errorMessage(failure)}`));
    await reload();
  };

  return (
    <div className="page throughput-page">
      <PageHead
        title="Throughput policies"
        description="A concurrency limit shared by every webhook that uses it, in any scenario. Requests over the limit wait in order; a changed limit applies at once."
        error={error}
        actions={
          !creating && (
            <button
              type="button"
              className="btn primary"
              onClick={() => {
                closeForms();
                setCreating(true);
              }}
            >
              New policy
            </button>
          )
        }
      />
      {creating && (
        <div className="card throughput-new">
          <h2>New throughput policy</h2>
          <ThroughputPolicyForm
            initial={NEW_POLICY}
            submitLabel="Create policy"
            error={formError}
            onSubmit={save(null)}
            onCancel={closeForms}
          />
        </div>
      )}
      <RecordTable
        items={items}
        columns={['Name', 'Concurrent requests', 'Changed']}
        empty={{
          title: 'No throughput policies yet',
          hint: "Create one, then pick it on a webhook's Settings tab.",
          icon: <Gauge size={28} aria-hidden />,
        }}
      >
        {(rows) =>
          rows.map((item) =>
            item.id === editingId ? (
              <tr key={item.id} data-policy-id={item.id}>
                <td colSpan={4}>
                  <ThroughputPolicyForm
                    initial={item}
                    submitLabel="Save"
                    error={formError}
                    onSubmit={save(item.id)}
                    onCancel={closeForms}
                  />
                </td>
              </tr>
            ) : (
              <tr key={item.id} data-policy-id={item.id}>
                <td className="scenario-name">{item.name}</td>
                <td data-testid="policy-concurrency">{item.concurrency}</td>
                <td className="muted small">{formatDate(item.updatedAt)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="btn small"
                    onClick={() => {
                      closeForms();
                      setEditingId(item.id);
                    }}
                  >
                    Edit
                  </button>
                  <button type="button" className="btn small ghost" onClick={() => void remove(item)}>
                    Delete
                  </button>
                </td>
              </tr>
            ),
          )
        }
      </RecordTable>
    </div>
  );
}
