import { CHANGE_SOURCES } from '../../../engine/subscriptions/event-catalog.ts';
import type {
  SubscriptionInput,
  SubscriptionSettings,
} from '../../../engine/subscriptions/subscription-schema.ts';
import { useState } from 'react';
import { Field, type FieldControl } from '../inspector/field.tsx';

export interface SubscriptionSettingsFieldsProps {
  value: SubscriptionInput;
  onChange: (next: SubscriptionInput) => void;
  errors: Readonly<Record<string, string>>;
}

const SOURCE_LABELS: Record<(typeof CHANGE_SOURCES)[number], string> = {
  api: 'API',
  event: 'Events',
  hook: 'Launch hooks',
  'set-attributes': 'Set-attributes nodes',
  import: 'Customer imports',
};

/** A number input's value, NaN (refused by the server, naming the field) when left empty. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** Seed 003's settings: external_message_id required, timeout, flush cadence, notify on error, attribute filters. */
export function SubscriptionSettingsFields({ value, onChange, errors }: SubscriptionSettingsFieldsProps) {
  const settings = value.settings;
  const set = (patch: Partial<SubscriptionSettings>) =>
    onChange({ ...value, settings: { ...settings, ...patch } });
  const alert = settings.alert;
  return (
    <div className="form-grid subscription-settings">
      <label className="checkbox-row wide">
        <input
          type="checkbox"
          checked={settings.externalMessageIdRequired}
          onChange={(event) => set({ externalMessageIdRequired: event.target.checked })}
        />
        <span>
          external_message_id required{' '}
          <span className="muted small">
            — events whose run was not started by an event carrying one are not sent (counted as skipped)
          </span>
        </span>
      </label>
      <Field
        label="Timeout (seconds)"
        field="settings.timeoutMs"
        errors={errors}
        hint="Per attempt, 0.5 to 30."
      >
        {(control) => (
          <input
            {...control}
            type="number"
            min={0.5}
            max={30}
            step={0.5}
            value={settings.timeoutMs / 1000}
            onChange={(event) => set({ timeoutMs: Math.round(numberOf(event.target.value) * 1000) })}
          />
        )}
      </Field>
      <Field
        label="Flush cadence (seconds)"
        field="settings.flushSeconds"
        errors={errors}
        hint="0 sends in real time; otherwise events leave together at this interval, still one call each."
      >
        {(control) => (
          <input
            {...control}
            type="number"
            min={0}
            max={3600}
            value={settings.flushSeconds}
            onChange={(event) => set({ flushSeconds: numberOf(event.target.value) })}
          />
        )}
      </Field>
      <Field
        label="Alert URL"
        field="settings.alert.url"
        errors={errors}
        hint="Notify on error: while the subscription keeps failing, a JSON alert is POSTed here."
      >
        {(control) => (
          <input
            {...control}
            className="mono"
            placeholder="https://alerts.example.com/hookflow"
            value={alert?.url ?? ''}
            onChange={(event) => {
              const url = event.target.value;
              set({ alert: url ? { intervalMinutes: alert?.intervalMinutes ?? 60, url } : undefined });
            }}
          />
        )}
      </Field>
      <Field label="Alert every (minutes)" field="settings.alert.intervalMinutes" errors={errors}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={1}
            disabled={!alert}
            value={alert?.intervalMinutes ?? 60}
            onChange={(event) =>
              alert && set({ alert: { ...alert, intervalMinutes: numberOf(event.target.value) } })
            }
          />
        )}
      </Field>
      <Field
        label="Attribute changes: only these keys"
        field="settings.attributeKeys"
        errors={errors}
        hint="customer.attributes_changed reports only these, comma-separated (e.g. email_opt_in); empty: all."
      >
        {(control) => (
          <KeyListInput
            control={control}
            keys={settings.attributeKeys}
            onChange={(attributeKeys) => set({ attributeKeys })}
          />
        )}
      </Field>
      <fieldset className="scope-choice" data-field="settings.excludeSources">
        <legend>Attribute changes: leave out those made by</legend>
        {CHANGE_SOURCES.map((source) => (
          <label className="checkbox-row" key={source}>
            <input
              type="checkbox"
              checked={settings.excludeSources.includes(source)}
              onChange={(event) =>
                set({
                  excludeSources: event.target.checked
                    ? [...settings.excludeSources, source]
                    : settings.excludeSources.filter((excluded) => excluded !== source),
                })
              }
            />
            {SOURCE_LABELS[source]}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/** Comma-separated names, kept as typed (a trailing comma stays) while the parsed list goes up. */
function KeyListInput(props: { control: FieldControl; keys: string[]; onChange: (keys: string[]) => void }) {
  const [text, setText] = useState(props.keys.join(', '));
  return (
    <input
      {...props.control}
      className="mono"
      placeholder="email_opt_in, sms_opt_in"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        props.onChange(
          event.target.value
            .split(',')
            .map((key) => key.trim())
            .filter(Boolean),
        );
      }}
    />
  );
}
