import { Check, Copy } from 'lucide-react';
import { type ReactNode, useState } from 'react';

export interface OneTimeSecretProps {
  title: ReactNode;
  /** Why it must be copied now and where it goes. */
  warning: ReactNode;
  secret: string;
  onDone: () => void;
}

/** A secret the server returns once (a signing secret, a new API key), with a copy button. */
export function OneTimeSecret({ title, warning, secret, onDone }: OneTimeSecretProps) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="generated-secret card" role="status">
      <strong>{title}</strong>
      <p className="muted small">{warning}</p>
      <div className="secret-row">
        <code className="mono" data-testid="one-time-secret">
          {secret}
        </code>
        <button
          type="button"
          className="btn small"
          onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true))}
        >
          {copied ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />}{' '}
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn small ghost" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
