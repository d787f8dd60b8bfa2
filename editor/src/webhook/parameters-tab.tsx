import type { TemplateParameter } from '../../../engine/template/template-parameters.ts';
import { recordOf } from '../inspector/config-values.ts';
import { Field } from '../inspector/field.tsx';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import { ParameterInput, type ParameterValue } from './parameter-input.tsx';
import type { ParameterScan } from './scan-parameters.ts';

/** The `[[ name : type ]]` fields found in the URL, query, headers and payload, as typed inputs. */
export function ParametersTab({ config, errors, onChange, scan }: NodeFormProps & { scan: ParameterScan }) {
  const values = recordOf(config.parameters) as Record<string, ParameterValue>;
  // Cleared means unset: the key goes, so the default (or the "needs a value" check) applies again.
  const set = (name: string, value: ParameterValue) => {
    const { [name]: _previous, ...others } = values;
    onChange({ parameters: value === '' ? others : { ...others, [name]: value } }, `parameters.${name}`);
  };
  const declarationError = errors['config.parameters'];
  return (
    <>
      {declarationError && (
        <p className="alert small" role="alert" data-field="config.parameters">
          {declarationError}
        </p>
      )}
      {scan.parameters.length === 0 && !declarationError && <EmptyParameters />}
      {scan.parameters.map((parameter) => (
        <Field
          key={parameter.name}
          label={parameter.name}
          field={`config.parameters.${parameter.name}`}
          errors={errors}
          hint={hintFor(parameter, scan.places[parameter.name] ?? [])}
        >
          {(control) => (
            <ParameterInput
              id={control.id}
              parameter={parameter}
              value={values[parameter.name]}
              onChange={(value) => set(parameter.name, value)}
            />
          )}
        </Field>
      ))}
    </>
  );
}

function EmptyParameters() {
  return (
    <div className="empty-tab">
      <p>No parameters yet.</p>
      <p className="muted small">
        Write <code>{'[[ discount : number ]]'}</code> or <code>{'[[ plan : enum(free, pro) ]]'}</code> in the
        URL, a query parameter, a header or the payload: an editable field appears here, so the webhook can be
        reused without touching its template.
      </p>
    </div>
  );
}

/** `number · default 10 · in payload`, or `required` when there is no default. */
function hintFor(parameter: TemplateParameter, places: string[]): string {
  const type = parameter.type === 'enum' ? `one of ${parameter.options.join(', ')}` : parameter.type;
  const fallback = parameter.default === undefined ? 'required' : `default ${parameter.default || '(empty)'}`;
  return [type, fallback, places.length > 0 && `in ${places.join(', ')}`].filter(Boolean).join(' · ');
}
