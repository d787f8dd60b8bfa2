import { invalidParameters, type TemplateParameter } from '../../../engine/template/template-parameters.ts';
import { recordOf } from '../inspector/config-values.ts';

/**
 * Parameter values (or defaults) that do not fit their declared type, by field path
 * (`config.parameters.channel`), with the very message validation and activation give.
 */
export function parameterErrors(
  parameters: readonly TemplateParameter[],
  values: unknown,
): Record<string, string> {
  return Object.fromEntries(
    invalidParameters(parameters, recordOf(values)).map(({ name, message }) => [
      `config.parameters.${name}`,
      message,
    ]),
  );
}
