import { RetryPolicySchema } from '../../../engine/scenario/index.ts';
import { MAX_BATCH_SIZE } from '../../../engine/scenario/index.ts';
import { numberOr, recordOf, text } from '../inspector/config-values.ts';
import { Field } from '../inspector/field.tsx';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import { ThroughputPolicyPicker } from '../throughput/throughput-policy-picker.tsx';
import { BATCH_DEFAULT_WINDOW_MS, batchOf, batchSize } from './batch-config.ts';

const RETRY_DEFAULTS = RetryPolicySchema.parse({});

interface ScaledNumberProps {
  label: string;
  field: string;
  hint: string;
  /** The stored value, in the config's unit (milliseconds, or a plain count). */
  value: number;
  /** How many stored units one shown unit is: 1000 shows milliseconds as seconds. */
  scale: number;
  errors: NodeFormProps['errors'];
  onChange: (value: number) => void;
}

/** The retry policy's fields, in the units a marketer thinks in. */
const RETRY_FIELDS: { key: keyof typeof RETRY_DEFAULTS; label: string; hint: string; scale: number }[] = [
  { key: 'maxAttempts', label: 'Attempts in all', hint: '1 means never retry.', scale: 1 },
  { key: 'initialDelayMs', label: 'First retry after (s)', hint: 'Doubles each time.', scale: 1000 },
  { key: 'maxDelayMs', label: 'Longest delay (min)', hint: 'Retry-After included.', scale: 60_000 },
  { key: 'maxTotalMs', label: 'Give up after (min)', hint: 'Since the first attempt.', scale: 60_000 },
];

/** A number input that shows a stored value in a friendlier unit. */
function ScaledNumber({ label, field, hint, value, scale, errors, onChange }: ScaledNumberProps) {
  return (
    <Field label={label} field={field} errors={errors} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="number"
          min={0}
          step="any"
          value={value / scale}
          onChange={(event) => onChange(Math.round(Number(event.target.value) * scale))}
        />
      )}
    </Field>
  );
}

/** How many customers go in one request and how long the node waits to fill it. */
function BatchSettings({ config, errors, onChange }: Pick<NodeFormProps, 'config' | 'errors' | 'onChange'>) {
  const batch = batchOf(config);
  if (!batch) return null;
  const set = (key: 'size' | 'windowMs') => (value: number) =>
    onChange({ batch: { ...batch, [key]: value } }, `batch.${key}`);
  return (
    <>
      <h4 className="section-title">Batch</h4>
      <div className="two-columns">
        <ScaledNumber
          label="Batch size"
          field="config.batch.size"
          hint={`Customers per request, 1–${MAX_BATCH_SIZE} (on-event: up to 200).`}
          value={batchSize(batch)}
          scale={1}
          errors={errors}
          onChange={set('size')}
        />
        <ScaledNumber
          label="Batching window (s)"
          field="config.batch.windowMs"
          hint="How long to wait for a batch to fill."
          value={numberOr(batch.windowMs, BATCH_DEFAULT_WINDOW_MS)}
          scale={1000}
          errors={errors}
          onChange={set('windowMs')}
        />
      </div>
    </>
  );
}

/**
 * Batch size and window (in batch mode), the shared throughput limit, timeout, retries and how
 * later nodes read the response (`webhook.field` or `webhook.data`).
 */
export function SettingsTab({ config, errors, onChange }: NodeFormProps) {
  const retry = { ...RETRY_DEFAULTS, ...recordOf(config.retry) } as Record<
    keyof typeof RETRY_DEFAULTS,
    unknown
  >;
  const setRetry = (key: keyof typeof RETRY_DEFAULTS) => (value: number) =>
    onChange({ retry: { ...retry, [key]: value } }, `retry.${key}`);
  const json = text(config.responseFormat, 'json') === 'json';
  return (
    <>
      <BatchSettings config={config} errors={errors} onChange={onChange} />
      <ThroughputPolicyPicker
        value={text(config.throughputPolicyId) || undefined}
        errors={errors}
        onChange={(throughputPolicyId) => onChange({ throughputPolicyId }, 'throughputPolicyId')}
      />
      <ScaledNumber
        label="Timeout per attempt (seconds)"
        field="config.timeoutMs"
        hint="Between 0.1 and 120 seconds."
        value={numberOr(config.timeoutMs, 10_000)}
        scale={1000}
        errors={errors}
        onChange={(timeoutMs) => onChange({ timeoutMs }, 'timeoutMs')}
      />
      <Field
        label="Response format"
        field="config.responseFormat"
        errors={errors}
        hint={
          json
            ? 'Later nodes read fields as {{ webhook.field }} or {{ webhook(1).field }}.'
            : 'Later nodes read the raw text as {{ webhook.data }}.'
        }
      >
        {(control) => (
          <select
            {...control}
            value={json ? 'json' : 'text'}
            onChange={(event) => onChange({ responseFormat: event.target.value }, 'responseFormat')}
          >
            <option value="json">JSON</option>
            <option value="text">Text</option>
          </select>
        )}
      </Field>
      <h4 className="section-title">Retries</h4>
      <p className="muted small">
        Network errors, timeouts, 429 and 5xx answers are retried with growing delays; other answers fail at
        once.
      </p>
      <div className="two-columns">
        {RETRY_FIELDS.map(({ key, label, hint, scale }) => (
          <ScaledNumber
            key={key}
            label={label}
            field={`config.retry.${key}`}
            hint={hint}
            value={numberOr(retry[key], RETRY_DEFAULTS[key])}
            scale={scale}
            errors={errors}
            onChange={setRetry(key)}
          />
        ))}
      </div>
    </>
  );
}
