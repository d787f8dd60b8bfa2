import { throughputApi } from '../api/throughput-api.ts';
import { Field } from '../inspector/field.tsx';
import { useRecordList } from '../ui/use-record-list.ts';

export interface ThroughputPolicyPickerProps {
  value: string | undefined;
  /** `undefined` means "no shared limit". */
  onChange: (policyId: string | undefined) => void;
  errors: Readonly<Record<string, string>>;
}

/** Chooses the throughput policy whose concurrency limit a webhook shares with every other user. */
export function ThroughputPolicyPicker({ value, onChange, errors }: ThroughputPolicyPickerProps) {
  const { items, error } = useRecordList(throughputApi.list);
  const chosen = items?.find((item) => item.id === value);
  const hint = error
    ? `Could not list throughput policies: ${error}`
    : chosen
      ? `At most ${chosen.concurrency} request${chosen.concurrency > 1 ? 's' : ''} at a time across every webhook using it; the rest wait in order.`
      : 'Manage policies under Settings → Throughput.';
  return (
    <Field label="Throughput policy" field="config.throughputPolicyId" errors={errors} hint={hint}>
      {(control) => (
        <select
          {...control}
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value || undefined)}
        >
          <option value="">No shared limit</option>
          {value && items && !chosen && <option value={value}>A policy that no longer exists</option>}
          {(items ?? []).map((item) => (
            <option key={item.id} value={item.id}>
              {item.name} (max {item.concurrency})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
