import type { TemplateIssue } from '../api/api-types.ts';
import { text } from '../inspector/config-values.ts';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import { batchOf, batchTogglePatch, customerExample } from './batch-config.ts';
import type { CodeLanguage } from './code-editor.tsx';
import { TemplateField } from './template-field.tsx';
import { Segmented } from '../ui/segmented.tsx';

const FORMATS: { id: CodeLanguage; label: string }[] = [
  { id: 'json', label: 'JSON' },
  { id: 'text', label: 'TEXT' },
  { id: 'xml', label: 'XML' },
];

const PLACEHOLDER =
  '{\n  "customer": "{{ customer.id }}",\n  "plan": {{ event.properties.plan | tojson }}\n}';

export interface PayloadTabProps extends NodeFormProps {
  /** The live template check's errors, by field; each editor marks its own inline. */
  templateIssues: readonly TemplateIssue[];
}

/**
 * The request body: a Nunjucks template in JSON, text or XML. In batch mode two templates: the
 * customer template renders once per customer, the root once per batch over `customers`.
 */
export function PayloadTab({ config, errors, onChange, templateIssues }: PayloadTabProps) {
  const format = (['json', 'text', 'xml'] as const).find((id) => id === config.format) ?? 'json';
  const batch = batchOf(config);
  const issueOf = (field: string) => templateIssues.find((issue) => issue.field === field);
  const body = (
    <TemplateField
      field="config.body"
      label={batch ? 'Root template — once per batch' : undefined}
      ariaLabel={batch ? 'Root template' : 'Payload template'}
      value={text(config.body)}
      language={format}
      error={errors['config.body']}
      issue={issueOf('config.body')}
      placeholderText={format === 'json' && !batch ? PLACEHOLDER : ''}
      onChange={(value) => onChange({ body: value }, 'body')}
    />
  );
  return (
    <>
      <div className="payload-head">
        <span className="label">Payload</span>
        <Segmented
          small
          label="Payload format"
          field="config.format"
          options={FORMATS}
          value={format}
          onPick={(id) => onChange({ format: id }, 'format')}
        />
      </div>
      <div className="batch-toggle" data-field="config.batch">
        <label className="switch">
          <input
            type="checkbox"
            checked={batch !== undefined}
            onChange={(event) => onChange(batchTogglePatch(config, event.target.checked), 'batch')}
          />
          Batch webhook
        </label>
        <span className="muted small">many customers in one request</span>
      </div>
      {batch ? (
        <>
          <TemplateField
            field="config.batch.customerTemplate"
            label="Customer template — once per customer"
            ariaLabel="Customer template"
            value={text(batch.customerTemplate)}
            language={format}
            error={errors['config.batch.customerTemplate']}
            issue={issueOf('config.batch.customerTemplate')}
            onChange={(value) =>
              onChange({ batch: { ...batch, customerTemplate: value } }, 'batch.customerTemplate')
            }
          />
          {text(batch.customerTemplate).trim() === '' && (
            // An empty template is refused: offer a real one to start from, not a grey look-alike.
            <div className="button-row">
              <button
                type="button"
                className="btn small"
                onClick={() =>
                  onChange(
                    { batch: { ...batch, customerTemplate: customerExample(format) } },
                    'batch.customerTemplate',
                  )
                }
              >
                Insert an example
              </button>
            </div>
          )}
          {body}
          <BatchHint />
        </>
      ) : (
        <>
          {body}
          <p className="field-hint">
            Use <code>{'{{ customer.email }}'}</code>, <code>{'{{ event.properties.plan }}'}</code>,{' '}
            <code>{'{{ webhook.field }}'}</code>, and <code>{'[[ name : type ]]'}</code> for fields filled in
            Parameters.
          </p>
        </>
      )}
    </>
  );
}

function BatchHint() {
  return (
    <p className="field-hint">
      The customer template sees <code>{'{{ customer.… }}'}</code>; the root sees <code>customers</code>, the
      rendered customer texts: <code>{"{% output customers separated by ',' %}"}</code>,{' '}
      <code>{'{{ customers | length }}'}</code>, <code>{'{{ customers | join(",") }}'}</code>. Size and window
      are on the Settings tab.
    </p>
  );
}
