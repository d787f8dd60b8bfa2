import { useEffect, useMemo, useState } from 'react';
import type { Scenario, ScenarioVersion } from '../../../engine/scenario/index.ts';
import { errorMessage } from '../api/api-client.ts';
import { scenariosApi } from '../api/scenarios-api.ts';
import { type DefinitionLike, diffDefinitions } from './diff-definitions.ts';
import { diffSummary, plural } from './diff-summary.ts';
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
        <p className="muted small draft-author">
          Draft last saved {formatDate(draft.updatedAt)}
          {draft.updatedBy && (
            <>
              {' '}
              by <span className="version-author">{draft.updatedBy}</span>
            </>
          )}
        </p>
        {versions === null ? (
          <p className="muted">Loading…</p>
        ) : versions.length === 0 ? (
          <p className="muted">Not activated yet: a version is frozen each time the scenario is activated.</p>
        ) : (
          <ol className="version-list">
            {versions.map((version, index) => (
              <VersionItem
                key={version.version}
                version={version}
                previous={versions[index + 1]}
                live={version.version === scenario.activeVersion}
                onCompare={(from) => {
                  setLeft(from);
                  setRight(String(version.version));
                }}
              />
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

interface VersionItemProps {
  version: ScenarioVersion;
  /** The version before it; absent for the first. */
  previous: ScenarioVersion | undefined;
  live: boolean;
  /** Compares `from` (a version number, or the draft) with this version. */
  onCompare: (from: string) => void;
}

/** Who activated a version, when, and what it changed from the one before. */
function VersionItem({ version, previous, live, onCompare }: VersionItemProps) {
  const summary = useMemo(
    () =>
      previous
        ? diffSummary(diffDefinitions(previous.definition, version.definition))
        : `first version: ${plural(version.definition.nodes.length, 'node')}, ${plural(version.definition.edges.length, 'connection')}`,
    [previous, version],
  );
  return (
    <li data-version={version.version}>
      <strong>v{version.version}</strong>
      {live && <span className="status-badge status-active">live</span>}
      <span className="version-author">{version.author ?? 'unknown author'}</span>
      <span className="muted">{formatDate(version.createdAt)}</span>
      {previous && (
        <button type="button" className="btn small ghost" onClick={() => onCompare(String(previous.version))}>
          Diff with v{previous.version}
        </button>
      )}
      <span className="muted small version-summary">{summary}</span>
    </li>
  );
}
