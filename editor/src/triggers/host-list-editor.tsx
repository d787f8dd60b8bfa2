import { Plus, X } from 'lucide-react';
import { errorsUnder } from '../inspector/field.tsx';
import { IconButton } from '../ui/icon-button.tsx';

export interface HostListEditorProps {
  hosts: readonly string[];
  errors: Readonly<Record<string, string>>;
  onChange: (hosts: string[], key: string) => void;
}

const PATH = 'config.allowedHosts';

/** The calling hosts a launch hook accepts (IPs, CIDR ranges, host names); empty accepts any. */
export function HostListEditor({ hosts, errors, onChange }: HostListEditorProps) {
  const change = (index: number, value: string) =>
    onChange(
      hosts.map((host, at) => (at === index ? value : host)),
      `${PATH}.${index}`,
    );
  const problems = errorsUnder(errors, PATH);
  return (
    <div className="host-list" data-field={PATH}>
      {hosts.length === 0 && <p className="muted small">Any host may call the hook.</p>}
      {hosts.map((host, index) => (
        <div key={index} className="host-row" data-field={`${PATH}.${index}`}>
          <input
            className="mono"
            aria-label={`Allowed host ${index + 1}`}
            aria-invalid={Boolean(errors[`${PATH}.${index}`])}
            placeholder="203.0.113.0/24 or crm.example.com"
            value={host}
            onChange={(event) => change(index, event.target.value)}
          />
          <IconButton
            label={`Remove allowed host ${index + 1}`}
            onClick={() => onChange(hosts.toSpliced(index, 1), `${PATH}.remove`)}
          >
            <X size={14} aria-hidden />
          </IconButton>
        </div>
      ))}
      {problems.map((message) => (
        <p key={message} className="field-error">
          {message}
        </p>
      ))}
      <button
        type="button"
        className="btn small ghost"
        onClick={() => onChange([...hosts, ''], `${PATH}.add`)}
      >
        <Plus size={14} aria-hidden /> Add host
      </button>
    </div>
  );
}
