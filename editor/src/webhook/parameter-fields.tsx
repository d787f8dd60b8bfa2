import type { TemplateParameter } from '../../../engine/template/template-parameters.ts';
import { recordOf } from '../inspector/config-values.ts';
import { Field } from '../inspector/field.tsx';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import { ParameterInput, type ParameterValue } from './parameter-input.tsx';

interface ParameterFieldsProps<P extends TemplateParameter> extends Pick<
  NodeFormProps,
  'config' | 'errors' | 'onChange'
> {
  parameters: readonly P[];
  hint: (parameter: P) => string;
}

/** One typed input per `[[ ]]` parameter of a webhook, written in the node or in its preset. */
export function ParameterFields<P extends TemplateParameter>(props: ParameterFieldsProps<P>) {
  const { parameters, config, errors, onChange, hint } = props;
  const values = recordOf(config.parameters) as Record<string, ParameterValue>;
  // Cleared means unset: the key goes, so the default (or the "needs a value" check) applies again.
  const set = (name: string, value: ParameterValue) => {
    const { [name]: _previous, ...others } = values;
    onChange({ parameters: value === '' ? others : { ...others, [name]: value } }, `parameters.${name}`);
  };
  return parameters.map((parameter) => (
    <Field
      key={parameter.name}
      label={parameter.name}
      field={`config.parameters.${parameter.name}`}
      errors={errors}
      hint={hint(parameter)}
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
  ));
}
