import { HTTP_METHODS } from '../../../engine/scenario/index.ts';
import { HostHealthWarning } from '../endpoint-health/host-health-warning.tsx';
import { listOf, text } from '../inspector/config-values.ts';
import { Field } from '../inspector/field.tsx';
import { IntegrationPicker } from '../integrations/integration-picker.tsx';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import { KeyValueEditor } from '../inspector/key-value-editor.tsx';

/** Method, URL, query parameters and headers; all but the method and the header names are templates. */
export function EndpointTab({ config, errors, onChange }: NodeFormProps) {
  return (
    <>
      <div className="method-url">
        <Field label="Method" field="config.method" errors={errors}>
          {(control) => (
            <select
              {...control}
              value={text(config.method, 'POST')}
              onChange={(event) => onChange({ method: event.target.value }, 'method')}
            >
              {HTTP_METHODS.map((method) => (
                <option key={method}>{method}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="URL" field="config.url" errors={errors}>
          {(control) => (
            <input
              {...control}
              className="mono"
              placeholder="https://api.example.com/hooks/{{ customer.id }}"
              value={text(config.url)}
              onChange={(event) => onChange({ url: event.target.value }, 'url')}
            />
          )}
        </Field>
      </div>
      <HostHealthWarning url={text(config.url)} />
      <IntegrationPicker
        value={text(config.integrationId) || undefined}
        errors={errors}
        onChange={(integrationId) => onChange({ integrationId }, 'integrationId')}
      />
      <h4 className="section-title">Query parameters</h4>
      <KeyValueEditor
        path="config.query"
        noun="Query parameter"
        pairs={listOf(config.query)}
        errors={errors}
        keyPlaceholder="utm_source"
        emptyText="None. Values are URL-encoded after rendering."
        onChange={(query, key) => onChange({ query }, key)}
      />
      <h4 className="section-title">Headers</h4>
      <KeyValueEditor
        path="config.headers"
        noun="Header"
        pairs={listOf(config.headers)}
        errors={errors}
        keyPlaceholder="X-Api-Key"
        emptyText="No custom headers. Content-Type follows the payload format."
        onChange={(headers, key) => onChange({ headers }, key)}
      />
    </>
  );
}
