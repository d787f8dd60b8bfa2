import type { ReactNode } from 'react';

export type Column = string | { label: string; numeric: true };

export interface RecordTableProps<T> {
  /** `null` while loading. */
  items: readonly T[] | null;
  /** Headings of the data columns; an unlabelled actions column follows them. */
  columns: readonly Column[];
  /** Shown instead of an empty table: what the list is for and how to start it. */
  empty: { title: string; hint: ReactNode; icon?: ReactNode };
  /** The rows, one `<tr>` per item. */
  children: (items: readonly T[]) => ReactNode;
}

/** The table of a list page (scenarios, presets, integrations, policies, keys), with its loading and empty states. */
export function RecordTable<T>({ items, columns, empty, children }: RecordTableProps<T>) {
  if (items === null) return <p className="muted">Loading…</p>;
  if (items.length === 0) {
    return (
      <div className="empty card">
        {empty.icon}
        <h2>{empty.title}</h2>
        <p className="muted">{empty.hint}</p>
      </div>
    );
  }
  return (
    <table className="scenario-table card">
      <thead>
        <tr>
          {columns.map((column) =>
            typeof column === 'string' ? (
              <th key={column}>{column}</th>
            ) : (
              <th key={column.label} className="numeric">
                {column.label}
              </th>
            ),
          )}
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>{children(items)}</tbody>
    </table>
  );
}
