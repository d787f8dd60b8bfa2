import type { ParamDef, ParamValue } from './bracket-params.ts';

export interface ParameterInputProps {
  param: ParamDef;
  value: ParamValue | undefined;
  onChange: (value: ParamValue) => void;
  id: string;
}

/** The input that fits a parameter's declared type. */
export function ParameterInput({ param, value, onChange, id }: ParameterInputProps) {
  const current = value ?? '';
  switch (param.type) {
    case 'number':
      return (
        <input
          id={id}
          type="number"
          value={String(current)}
          onChange={(event) => onChange(event.target.value === '' ? '' : Number(event.target.value))}
        />
      );
    case 'boolean':
      return (
        <label className="switch">
          <input
            id={id}
            type="checkbox"
            checked={current === true || current === 'true'}
            onChange={(event) => onChange(event.target.checked)}
          />
          <span>{current === true || current === 'true' ? 'Yes' : 'No'}</span>
        </label>
      );
    case 'date':
      return (
        <input
          id={id}
          type="date"
          value={String(current)}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'datetime':
      return (
        <input
          id={id}
          type="datetime-local"
          value={String(current)}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'color':
      return (
        <span className="color-input">
          <input
            id={id}
            type="color"
            value={String(current) || '#000000'}
            onChange={(event) => onChange(event.target.value)}
          />
          <code>{String(current) || '#000000'}</code>
        </span>
      );
    case 'enum':
      return (
        <select id={id} value={String(current)} onChange={(event) => onChange(event.target.value)}>
          {param.options.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      );
    case 'text':
      return (
        <textarea
          id={id}
          rows={3}
          value={String(current)}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    default:
      return <input id={id} value={String(current)} onChange={(event) => onChange(event.target.value)} />;
  }
}
