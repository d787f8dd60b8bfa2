import { type FormEvent, useState } from 'react';
import {
  type ThroughputPolicyInput,
  ThroughputPolicyInputSchema,
} from '../../../engine/throughput/throughput-policy-schema.ts';

export interface ThroughputPolicyFormProps {
  initial: ThroughputPolicyInput;
  submitLabel: string;
  /** The server's refusal, shown under the form. */
  error: string | null;
  onSubmit: (input: ThroughputPolicyInput) => Promise<void>;
  onCancel?: () => void;
}

/** Name and concurrency limit of a policy, checked with the server's own schema before sending. */
export function ThroughputPolicyForm({
  initial,
  submitLabel,
  error,
  onSubmit,
  onCancel,
}: ThroughputPolicyFormProps) {
  const [name, setName] = useState(initial.name);
  const [concurrency, setConcurrency] = useState(String(initial.concurrency));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = ThroughputPolicyInputSchema.safeParse({ name, concurrency: Number(concurrency) });
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((issue) => issue.message).join('; '));
      return;
    }
    setProblem(null);
    setBusy(true);
    await onSubmit(parsed.data).finally(() => setBusy(false));
  };
  const shown = problem ?? error;
  return (
    <form className="throughput-form" noValidate onSubmit={(event) => void submit(event)}>
      <label>
        Name
        <input value={name} placeholder="CM Telecom" onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Concurrent requests
        <input
          type="number"
          min={1}
          max={1000}
          value={concurrency}
          onChange={(event) => setConcurrency(event.target.value)}
        />
      </label>
      <div className="button-row">
        <button type="submit" className="btn primary small" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn small ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {shown && (
        <p className="field-error" role="alert">
          {shown}
        </p>
      )}
    </form>
  );
}
