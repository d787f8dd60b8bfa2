import type { ReactNode } from 'react';

interface IconButtonProps {
  /** Read by screen readers; also the tooltip unless `title` says more (e.g. a shortcut). */
  label: string;
  title?: string;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}

/** A square button showing only an icon, named for assistive technology. */
export function IconButton({ label, title, disabled, onClick, children }: IconButtonProps) {
  return (
    <button
      type="button"
      className="icon-btn"
      aria-label={label}
      title={title ?? label}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
