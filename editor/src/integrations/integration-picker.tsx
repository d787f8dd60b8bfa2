import { integrationsApi } from '../api/integrations-api.ts';
import { Field } from '../inspector/field.tsx';
import { useRecordList } from '../ui/use-record-list.ts';

export interface IntegrationPickerProps {
  value: string | undefined;
  /** `undefined` means "no integration". */
  onChange: (integrationId: string | undefined) => void;
  errors: Readonly<Record<string, string>>;
  /** Said when no integration is chosen. */
  noneLabel?: string;
  /** The integration used when none is chosen (a preset's default); named in the empty choice. */
  defaultId?: string;
  /** The path its errors are keyed by; `config.integrationId` (a webhook node's) by default. */
  field?: string;
}

/** Chooses the authentication integration whose credentials a webhook sends (under its prefix). */
export function IntegrationPicker(props: IntegrationPickerProps) {
  const { value, onChange, errors, defaultId, field = 'config.integrationId' } = props;
  const { items, error } = useRecordList(integrationsApi.list);
  const chosen = items?.find((item) => item.id === value);
  const named = (id: string) => {
    const found = items?.find((item) => item.id === id);
    return found ? found.name : items ? 'an integration that no longer exists' : '…';
  };
  const noneLabel = defaultId ? `Preset default (${named(defaultId)})` : (props.noneLabel ?? 'None');
  const hint = error
    ? `Could not list integrations: ${error}`
    : chosen
      ? `Credentials are added to requests under ${chosen.endpointPrefix}`
      : 'Manage integrations under Settings → Integrations.';
  return (
    <Field label="Authentication" field={field} errors={errors} hint={hint}>
      {(control) => (
        <select
          {...control}
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value || undefined)}
        >
          <option value="">{noneLabel}</option>
          {value && items && !chosen && <option value={value}>An integration that no longer exists</option>}
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
