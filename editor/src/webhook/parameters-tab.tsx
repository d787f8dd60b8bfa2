import type { TemplateParameter } from '../../../engine/template/template-parameters.ts';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import { ParameterFields } from './parameter-fields.tsx';
import type { ParameterScan } from './scan-parameters.ts';

/** The `[[ name : type ]]` fields found in the URL, query, headers and payload, as typed inputs. */
export function ParametersTab({ config, errors, onChange, scan }: NodeFormProps & { scan: ParameterScan }) {
  const declarationError = errors['config.parameters'];
  return (
    <>
      {declarationError && (
        <p className="alert small" role="alert" data-field="config.parameters">
          {declarationError}
        </p>
      )}
      {scan.parameters.length === 0 && !declarationError && <EmptyParameters />}
      <ParameterFields
        parameters={scan.parameters}
        config={config}
        errors={errors}
        onChange={onChange}
        hint={(parameter) => hintFor(parameter, scan.places[parameter.name] ?? [])}
      />
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
