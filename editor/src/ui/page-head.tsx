import type { ReactNode } from 'react';

export interface PageHeadProps {
  title: string;
  description: ReactNode;
  /** Buttons on the right, e.g. "New policy"; left out while a form is open. */
  actions?: ReactNode;
  /** A failure to show under the head, as an alert. */
  error?: string | null;
}

/** The title row every list page (scenarios and the settings pages) starts with. */
export function PageHead({ title, description, actions, error }: PageHeadProps) {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="muted">{description}</p>
        </div>
        {actions}
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </>
  );
}
