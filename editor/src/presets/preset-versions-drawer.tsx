import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/api-client.ts';
import { type PresetRecord, type PresetVersionRecord, presetsApi } from '../api/presets-api.ts';
import { formatDate } from '../scenarios/format-date.ts';
import { fieldChanges } from '../scenarios/diff-definitions.ts';

export interface PresetVersionsDrawerProps {
  preset: PresetRecord;
  /** Saves an old version's definition as the next version. */
  onRestore: (version: PresetVersionRecord) => void;
  onClose: () => void;
}

const show = (value: unknown) =>
  value === undefined ? '∅' : typeof value === 'string' ? value || '""' : String(value);

/** A preset's versions, newest first, each with what it changed from the one before. */
export function PresetVersionsDrawer({ preset, onRestore, onClose }: PresetVersionsDrawerProps) {
  const [versions, setVersions] = useState<PresetVersionRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number>(preset.version);
  useEffect(() => {
    presetsApi
      .versions(preset.id)
      .then((answer) => setVersions(answer.items))
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, [preset.id]);
  const current = versions?.find((version) => version.version === selected);
  const previous = versions?.find((version) => version.version === selected - 1);
  const changes = useMemo(
    () => (current ? fieldChanges(previous?.definition ?? {}, current.definition) : []),
    [current, previous],
  );
  return (
    <>
      <div className="backdrop" onClick={onClose} aria-hidden />
      <aside
        className="drawer"
        aria-label={`Versions of ${preset.name}`}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      >
        <div className="drawer-head">
          <h2>Versions · {preset.name}</h2>
          <button type="button" className="btn ghost" onClick={onClose} aria-label="Close versions" autoFocus>
            ✕
          </button>
        </div>
        {error && <p className="alert">{error}</p>}
        {versions === null && !error && <p className="muted">Loading…</p>}
        <ol className="version-list">
          {(versions ?? []).map((version) => (
            <li key={version.version} className={version.version === selected ? 'selected' : undefined}>
              <button type="button" className="link-btn" onClick={() => setSelected(version.version)}>
                <strong>v{version.version}</strong>
              </button>
              {version.version === preset.version && (
                <span className="status-badge status-active">latest</span>
              )}
              <span className="muted">{formatDate(version.createdAt)}</span>
              {version.version !== preset.version && (
                <button type="button" className="btn small" onClick={() => onRestore(version)}>
                  Restore
                </button>
              )}
            </li>
          ))}
        </ol>
        {current && (
          <>
            <h3>
              {previous ? `What v${selected} changed from v${selected - 1}` : `v${selected}: first version`}
            </h3>
            {changes.length === 0 ? (
              <p className="muted diff-empty">No differences.</p>
            ) : (
              <table className="diff-fields" aria-label="Changes">
                <tbody>
                  {changes.map((change) => (
                    <tr key={change.path}>
                      <th scope="row">{change.path}</th>
                      {previous && <td className="before">{show(change.before)}</td>}
                      <td className="after">{show(change.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </aside>
    </>
  );
}
