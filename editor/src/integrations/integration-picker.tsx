import { integrationsApi } from '../api/integrations-api.ts';
import { Field } from '../inspector/field.tsx';
import { useRecordList } from '../ui/use-record-list.ts';

export interface IntegrationPickerProps {
  value: string | undefined;
  /** `undefined` means "no integration". */
  onChange: (integrationId: string | undefined) => void;
  errors: Readonly<Record<string, string>>;
  /** Said when no integration is chosen, e.g. the preset's default. */
  noneLabel?: string;
}

/** Chooses the authentication integration whose credentials a webhook sends (under its prefix). */
export function IntegrationPicker({ value, onChange, errors, noneLabel = 'None' }: IntegrationPickerProps) {
  const { items, error } = useRecordList(integrationsApi.list);
  const chosen = items?.find((item) => item.id === value);
  const hint = error
    ? `Could not list integrations: ${error}`
    : chosen
      ? `Credentials are added to requests under ${chosen.endpointPrefix}`
      : 'Manage integrations under Settings → Integrations.';
  return (
    <Field label="Authentication" field="config.integrationId" errors={errors} hint={hint}>
      {(control) => (
        <select
          {...control}
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value || undefined)}
        >
          <option value="">{noneLabel}</option>
          {value && items && !chosen && <option value={value}>{value} (not found)</option>}
          {(items ?? []).map((item) => (
            <option key={item.id} value={item.id}>
              {item.name} ({item.type})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
