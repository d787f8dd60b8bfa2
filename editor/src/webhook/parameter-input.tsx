import type { ParameterValue, TemplateParameter } from '../../../engine/template/template-parameters.ts';

export type { ParameterValue };

export interface ParameterInputProps {
  parameter: TemplateParameter;
  /** The saved value; without one the control shows the default, or stays empty when there is none. */
  value: ParameterValue | undefined;
  /** `''` means "no value": the default applies again. */
  onChange: (value: ParameterValue) => void;
  id: string;
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** A value that is neither (its error says why) shows as it is, not as "No". */
const BOOLEAN_LABELS: Readonly<Record<string, string>> = { '': 'Not set', true: 'Yes', false: 'No' };

/**
 * The input that fits a parameter's declared type. It shows only what the engine will use
 * (saved value, else default), so a required parameter looks empty until it is filled.
 */
export function ParameterInput({ parameter, value, onChange, id }: ParameterInputProps) {
  const current = String(value ?? parameter.default ?? '');
  const onText = (event: { target: { value: string } }) => onChange(event.target.value);
  switch (parameter.type) {
    case 'number':
      return (
        <input
          id={id}
          type="number"
          value={current}
          onChange={(event) => onChange(event.target.value === '' ? '' : Number(event.target.value))}
        />
      );
    case 'boolean':
      return (
        <label className="switch">
          <input
            id={id}
            type="checkbox"
            checked={current === 'true'}
            onChange={(event) => onChange(event.target.checked)}
          />
          <span>{BOOLEAN_LABELS[current] ?? `"${current}"`}</span>
        </label>
      );
    case 'date':
      return <input id={id} type="date" value={current} onChange={onText} />;
    case 'datetime':
      return <input id={id} type="datetime-local" value={current} onChange={onText} />;
    case 'color':
      // A colour picker always shows some colour; the text beside it says whether one is set.
      return (
        <span className="color-input">
          <input
            id={id}
            type="color"
            value={HEX_COLOR.test(current) ? current : '#000000'}
            onChange={onText}
          />
          <input
            aria-label={`${parameter.name} hex`}
            className="mono"
            placeholder="#rrggbb"
            value={current}
            onChange={onText}
          />
        </span>
      );
    case 'enum':
      return (
        <select id={id} value={current} onChange={onText}>
          {current === '' && (
            <option value="" disabled>
              Choose…
            </option>
          )}
          {/* A stored value that is no option is shown as it is (its error says why), not as the first option. */}
          {current !== '' && !parameter.options.includes(current) && (
            <option value={current} disabled>
              {current}
            </option>
          )}
          {parameter.options.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      );
    case 'text':
      return <textarea id={id} rows={3} value={current} onChange={onText} />;
    default:
      return <input id={id} value={current} onChange={onText} />;
  }
}
