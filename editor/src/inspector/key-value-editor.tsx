import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { IconButton } from '../ui/icon-button.tsx';
import { text } from './config-values.ts';

interface Pair {
  key?: unknown;
  value?: unknown;
  [field: string]: unknown;
}

export interface KeyValueEditorProps {
  /** Config path of the list, e.g. `config.headers` or `config.query`. */
  path: string;
  /** Singular noun for labels: "Header", "Query parameter". */
  noun: string;
  pairs: Pair[];
  errors: Readonly<Record<string, string>>;
  onChange: (pairs: Pair[], key: string) => void;
  keyPlaceholder: string;
  emptyText: string;
  /** A further control at the end of each row (the set-attributes kind), given a setter for its pair. */
  rowExtra?: (pair: Pair, index: number, set: (patch: Pair, key: string) => void) => ReactNode;
  /** The pair "Add" appends. */
  newPair?: Pair;
}

/** Key/value rows (headers, query parameters, attributes); values are templates, and so are query keys. */
export function KeyValueEditor({
  path,
  noun,
  pairs,
  errors,
  onChange,
  keyPlaceholder,
  emptyText,
  rowExtra,
  newPair = { key: '', value: '' },
}: KeyValueEditorProps) {
  const field = path.replace(/^config\./, '');
  const set = (index: number, patch: Pair, key: string) =>
    onChange(
      pairs.map((pair, at) => (at === index ? { ...pair, ...patch } : pair)),
      `${field}.${index}.${key}`,
    );
  return (
    <div className="headers-editor" data-field={path}>
      {pairs.length === 0 && <p className="muted small">{emptyText}</p>}
      {pairs.map((pair, index) => {
        const keyError = errors[`${path}.${index}.key`];
        const valueError = errors[`${path}.${index}.value`];
        return (
          <div key={index} className="header-row">
            <div className={rowExtra ? 'kv with-extra' : 'kv'} data-field={`${path}.${index}.key`}>
              <input
                aria-label={`${noun} ${index + 1} name`}
                aria-invalid={Boolean(keyError)}
                placeholder={keyPlaceholder}
                value={text(pair.key)}
                onChange={(event) => set(index, { key: event.target.value }, 'key')}
              />
              <span data-field={`${path}.${index}.value`} className="kv-value">
                <input
                  aria-label={`${noun} ${index + 1} value`}
                  aria-invalid={Boolean(valueError)}
                  className="mono"
                  placeholder="value or {{ template }}"
                  value={text(pair.value)}
                  onChange={(event) => set(index, { value: event.target.value }, 'value')}
                />
              </span>
              {rowExtra?.(pair, index, (patch, key) => set(index, patch, key))}
              <IconButton
                label={`Remove ${noun.toLowerCase()} ${index + 1}`}
                onClick={() => onChange(pairs.toSpliced(index, 1), `${field}.remove`)}
              >
                <X size={14} aria-hidden />
              </IconButton>
            </div>
            {[keyError, valueError].filter(Boolean).map((message) => (
              <p key={message} className="field-error">
                {message}
              </p>
            ))}
          </div>
        );
      })}
      <button
        type="button"
        className="btn small ghost"
        onClick={() => onChange([...pairs, { ...newPair }], `${field}.add`)}
      >
        <Plus size={14} aria-hidden /> Add {noun.toLowerCase()}
      </button>
    </div>
  );
}
