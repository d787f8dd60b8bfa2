import { HTTP_METHODS } from '../../../engine/scenario/webhook-config-schema.ts';
import { Field } from '../inspector/field.tsx';
import type { TemplateIssue } from '../api/api-types.ts';
import { KeyValueEditor } from '../inspector/key-value-editor.tsx';
import { TemplateField } from '../webhook/template-field.tsx';
import { defaultBatch, type PresetDraft } from './preset-draft.ts';

type Webhook = PresetDraft['webhook'];

export interface PresetRequestFieldsProps {
  webhook: Webhook;
  errors: Readonly<Record<string, string>>;
  /** The live template check's issues, by webhook config path (`config.body`). */
  issues: readonly TemplateIssue[];
  onChange: (patch: Partial<Webhook>) => void;
}

const pairs = (list: { key?: unknown; value?: unknown }[]) =>
  list.map((pair) => ({ key: String(pair.key ?? ''), value: String(pair.value ?? '') }));

const PARAMETER_HINT = (
  <>
    Nunjucks templates; <code>[[ name ]]</code>, <code>[[ name : number ]]</code> or{' '}
    <code>[[ name : enum(a, b) = a ]]</code> become the fields a node made from this preset asks for.
  </>
);

/** The request a preset sends: method, URL, headers, query, payload and, in batch mode, the customer template. */
export function PresetRequestFields({ webhook, errors, issues, onChange }: PresetRequestFieldsProps) {
  const batch = webhook.batch;
  const issueOf = (field: string) => issues.find((issue) => issue.field === field);
  return (
    <div className="preset-request">
      <div className="method-url">
        <Field label="Method" field="webhook.method" errors={errors}>
          {(control) => (
            <select
              {...control}
              value={webhook.method}
              onChange={(event) => onChange({ method: event.target.value as Webhook['method'] })}
            >
              {HTTP_METHODS.map((method) => (
                <option key={method}>{method}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="URL template" field="webhook.url" errors={errors} hint={PARAMETER_HINT}>
          {(control) => (
            <input
              {...control}
              className="mono"
              value={webhook.url}
              placeholder="https://api.example.com/[[ path ]]"
              onChange={(event) => onChange({ url: event.target.value })}
            />
          )}
        </Field>
      </div>
      <h4 className="section-title">Headers</h4>
      <KeyValueEditor
        path="webhook.headers"
        noun="Header"
        pairs={webhook.headers}
        errors={errors}
        keyPlaceholder="Content-Type"
        emptyText="No headers: credentials come from the authentication integration."
        onChange={(list) => onChange({ headers: pairs(list) })}
      />
      <h4 className="section-title">Query parameters</h4>
      <KeyValueEditor
        path="webhook.query"
        noun="Query parameter"
        pairs={webhook.query}
        errors={errors}
        keyPlaceholder="name"
        emptyText="No query parameters."
        onChange={(list) => onChange({ query: pairs(list) })}
      />
      <Field label="Payload format" field="webhook.format" errors={errors}>
        {(control) => (
          <select
            {...control}
            value={webhook.format}
            onChange={(event) => onChange({ format: event.target.value as Webhook['format'] })}
          >
            <option value="json">JSON</option>
            <option value="text">Text</option>
            <option value="xml">XML</option>
          </select>
        )}
      </Field>
      <TemplateField
        field="webhook.body"
        label={batch ? 'Root template (one request per batch)' : 'Payload template'}
        ariaLabel={batch ? 'Root template' : 'Payload template'}
        value={webhook.body}
        language={webhook.format}
        error={errors['webhook.body']}
        issue={issueOf('config.body')}
        placeholderText={batch ? 'Place the customers with {% output customers %}' : ''}
        onChange={(body) => onChange({ body })}
      />
      <label className="checkbox-row">
        <input
          type="checkbox"
          checked={batch !== undefined}
          onChange={(event) => onChange({ batch: event.target.checked ? defaultBatch() : undefined })}
        />
        Batch webhook: one request for many customers (a root template and a customer template)
      </label>
      {batch && (
        <BatchFields
          batch={batch}
          errors={errors}
          issue={issueOf('config.batch.customerTemplate')}
          language={webhook.format}
          onChange={onChange}
        />
      )}
    </div>
  );
}

interface BatchFieldsProps {
  batch: NonNullable<Webhook['batch']>;
  errors: Readonly<Record<string, string>>;
  issue: TemplateIssue | undefined;
  language: Webhook['format'];
  onChange: (patch: Partial<Webhook>) => void;
}

function BatchFields({ batch, errors, issue, language, onChange }: BatchFieldsProps) {
  const set = (patch: Partial<typeof batch>) => onChange({ batch: { ...batch, ...patch } });
  const number = (value: string) => (value === '' ? 0 : Number(value));
  return (
    <div className="preset-batch">
      <TemplateField
        field="webhook.batch.customerTemplate"
        label="Customer template (one per customer, joined by the root template)"
        ariaLabel="Customer template"
        value={batch.customerTemplate}
        language={language}
        error={errors['webhook.batch.customerTemplate']}
        issue={issue}
        onChange={(customerTemplate) => set({ customerTemplate })}
      />
      <div className="method-url">
        <Field
          label="Batch size"
          field="webhook.batch.size"
          errors={errors}
          hint="Customers per request, 1–1000."
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={1000}
              value={batch.size}
              onChange={(event) => set({ size: number(event.target.value) })}
            />
          )}
        </Field>
        <Field
          label="Window (ms)"
          field="webhook.batch.windowMs"
          errors={errors}
          hint="How long to wait for a batch to fill."
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              value={batch.windowMs}
              onChange={(event) => set({ windowMs: number(event.target.value) })}
            />
          )}
        </Field>
      </div>
    </div>
  );
}
