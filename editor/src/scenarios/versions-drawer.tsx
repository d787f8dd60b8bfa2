import { useEffect, useState } from 'react';
import type { Scenario, ScenarioVersion } from '../../../engine/scenario/index.ts';
import { errorMessage } from '../api/api-client.ts';
import { scenariosApi } from '../api/scenarios-api.ts';
import type { DefinitionLike } from './diff-definitions.ts';
import { formatDate } from './format-date.ts';
import { VersionDiffView } from './version-diff-view.tsx';

const DRAFT = 'draft';

/** Frozen versions of one scenario, and a diff between any two of them (or the draft). */
export function VersionsDrawer({ scenario, onClose }: { scenario: Scenario; onClose: () => void }) {
  const [versions, setVersions] = useState<ScenarioVersion[] | null>(null);
  const [draft, setDraft] = useState<Scenario>(scenario);
  const [error, setError] = useState<string | null>(null);
  const [left, setLeft] = useState<string>('');
  const [right, setRight] = useState<string>(DRAFT);

  useEffect(() => {
    Promise.all([scenariosApi.versions(scenario.id), scenariosApi.get(scenario.id)])
      .then(([list, full]) => {
        const sorted = [...list.items].sort((a, b) => b.version - a.version);
        setVersions(sorted);
        setDraft(full);
        // Default: what changed in the latest version, or what the draft adds to it.
        setLeft(String(sorted[sorted.length > 1 ? 1 : 0]?.version ?? DRAFT));
        setRight(sorted.length > 1 ? String(sorted[0]!.version) : DRAFT);
      })
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, [scenario.id]);

  const pick = (key: string): DefinitionLike | undefined =>
    key === DRAFT
      ? draft.definition
      : versions?.find((version) => String(version.version) === key)?.definition;
  // Both sides are objects held in state, so the diff below is memoised on stable references.
  const before = pick(left);
  const after = pick(right);

  const options = [
    <option key={DRAFT} value={DRAFT}>
      Current draft
    </option>,
    ...(versions ?? []).map((version) => (
      <option key={version.version} value={String(version.version)}>
        Version {version.version} · {formatDate(version.createdAt)}
      </option>
    )),
  ];

  return (
    <>
      <div className="backdrop" onClick={onClose} aria-hidden />
      <aside
        className="drawer"
        aria-label={`Versions of ${scenario.name}`}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      >
        <div className="drawer-head">
          <h2>Versions · {scenario.name}</h2>
          <button type="button" className="btn ghost" onClick={onClose} aria-label="Close versions" autoFocus>
            ✕
          </button>
        </div>
        {error && <p className="alert">{error}</p>}
        {versions === null ? (
          <p className="muted">Loading…</p>
        ) : versions.length === 0 ? (
          <p className="muted">Not activated yet: a version is frozen each time the scenario is activated.</p>
        ) : (
          <ol className="version-list">
            {versions.map((version) => (
              <li key={version.version}>
                <strong>v{version.version}</strong>
                {version.version === scenario.activeVersion && (
                  <span className="status-badge status-active">live</span>
                )}
                <span className="muted">{formatDate(version.createdAt)}</span>
                <span className="muted small">
                  {version.definition.nodes.length} nodes · {version.definition.edges.length} edges
                </span>
              </li>
            ))}
          </ol>
        )}
        <h3>Compare</h3>
        <div className="compare-pickers">
          <select aria-label="Compare from" value={left} onChange={(event) => setLeft(event.target.value)}>
            {options}
          </select>
          <span aria-hidden>→</span>
          <select aria-label="Compare to" value={right} onChange={(event) => setRight(event.target.value)}>
            {options}
          </select>
        </div>
        {before && after && <VersionDiffView before={before} after={after} />}
      </aside>
    </>
  );
}
