export interface FormFooterProps {
  /** The server's refusal of the last submit, shown above the buttons. */
  error: string | null;
  submitLabel: string;
  /** Disables submit, e.g. while a save is under way. */
  busy: boolean;
  onCancel: () => void;
}

/** Submit and Cancel at the foot of a settings form (integrations, presets, API keys). */
export function FormFooter({ error, submitLabel, busy, onCancel }: FormFooterProps) {
  return (
    <>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="btn primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="btn ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
