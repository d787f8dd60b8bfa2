import { listOf, recordOf, text } from '../inspector/config-values.ts';
import { Field } from '../inspector/field.tsx';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import { initialValue, type ParamDef, type ParamValue } from './bracket-params.ts';
import { ParameterInput } from './parameter-input.tsx';

/** The `[[ name : type ]]` fields found in URL, headers and body, as typed inputs. */
export function ParametersTab({ config, errors, onChange, params }: NodeFormProps & { params: ParamDef[] }) {
  const values = recordOf(config.parameters) as Record<string, ParamValue>;
  if (params.length === 0) {
    return (
      <div className="empty-tab">
        <p>No parameters yet.</p>
        <p className="muted small">
          Write <code>{'[[ discount : number ]]'}</code> or <code>{'[[ plan : enum(free, pro) ]]'}</code> in
          the URL, a header or the payload: an editable field appears here, so the webhook can be reused
          without touching its template.
        </p>
      </div>
    );
  }
  // What the inputs show is what gets saved: an enum's first choice or an unticked box counts as chosen.
  const shown = Object.fromEntries(
    params
      .map((param) => [param.name, values[param.name] ?? initialValue(param)] as const)
      .filter(([, value]) => value !== ''),
  );
  const set = (name: string, value: ParamValue) =>
    onChange({ parameters: { ...values, ...shown, [name]: value } }, `parameters.${name}`);
  return (
    <>
      {params.map((param) => (
        <Field
          key={param.name}
          label={`${param.name}`}
          field={`config.parameters.${param.name}`}
          errors={errors}
          hint={hintFor(param)}
        >
          {(control) => (
            <ParameterInput
              id={control.id}
              param={param}
              value={values[param.name] ?? initialValue(param)}
              onChange={(value) => set(param.name, value)}
            />
          )}
        </Field>
      ))}
      <p className="muted small">Used in: {usage(config, params).join(', ')}</p>
    </>
  );
}

function hintFor(param: ParamDef): string {
  const type = param.type === 'enum' ? `one of ${param.options.join(', ')}` : param.type;
  return param.default !== undefined ? `${type} · default ${param.default}` : type;
}

function usage(config: Record<string, unknown>, params: ParamDef[]): string[] {
  const places: [string, string][] = [
    ['URL', text(config.url)],
    [
      'headers',
      listOf<{ value?: unknown }>(config.headers)
        .map((header) => text(header.value))
        .join('\n'),
    ],
    ['payload', text(config.body)],
  ];
  return places
    .filter(([, source]) => params.some((param) => source.includes(`[[`) && source.includes(param.name)))
    .map(([place]) => place);
}
