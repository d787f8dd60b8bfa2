import { type ReactNode, useId } from 'react';

export interface FieldControl {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  label: string;
  /** Dotted path of the config field; the issues list focuses `[data-field=…]`. */
  field: string;
  errors: Readonly<Record<string, string>>;
  hint?: ReactNode;
  children: (control: FieldControl) => ReactNode;
}

/** A labelled control with its hint and inline error, wired for screen readers. */
export function Field({ label, field, errors, hint, children }: FieldProps) {
  const id = useId();
  const error = errors[field];
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-field={field}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described })}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        hint && (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/** Errors of a field and everything below it (`config.headers` covers `config.headers.2.key`). */
export function errorsUnder(errors: Readonly<Record<string, string>>, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
    .map(([, message]) => message);
}
