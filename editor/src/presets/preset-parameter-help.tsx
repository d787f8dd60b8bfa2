import type { TemplateParameter } from '../../../engine/template/template-parameters.ts';
import type { ParameterScan } from '../webhook/scan-parameters.ts';

export interface PresetParameterHelpProps {
  scan: ParameterScan;
  help: Record<string, string>;
  onChange: (name: string, help: string) => void;
}

const typeOf = (parameter: TemplateParameter) =>
  parameter.type === 'enum' ? `one of ${parameter.options.join(', ')}` : parameter.type;

/** The `[[ ]]` parameters found in the templates, each with the help text its field will show. */
export function PresetParameterHelp({ scan, help, onChange }: PresetParameterHelpProps) {
  if (scan.error) {
    return (
      <p className="alert small" role="alert" data-field="parameters">
        {scan.error}
      </p>
    );
  }
  if (scan.parameters.length === 0) {
    return (
      <p className="muted small">
        No parameters yet: write <code>[[ name ]]</code> in a template to ask for a value per node.
      </p>
    );
  }
  return (
    <table className="parameter-help" data-field="parameters">
      <thead>
        <tr>
          <th>Parameter</th>
          <th>Type</th>
          <th>Default</th>
          <th>Used in</th>
          <th>Help text</th>
        </tr>
      </thead>
      <tbody>
        {scan.parameters.map((parameter) => (
          <tr key={parameter.name}>
            <td className="mono">{parameter.name}</td>
            <td className="small">{typeOf(parameter)}</td>
            <td className="small mono">
              {parameter.default === undefined ? '—' : String(parameter.default)}
            </td>
            <td className="small muted">{(scan.places[parameter.name] ?? []).join(', ')}</td>
            <td>
              <input
                aria-label={`Help text of ${parameter.name}`}
                value={help[parameter.name] ?? ''}
                maxLength={1000}
                placeholder="Shown next to the field"
                onChange={(event) => onChange(parameter.name, event.target.value)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
