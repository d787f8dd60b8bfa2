import { useEffect, useState } from 'react';
import type { Scenario } from '../../../engine/scenario/index.ts';
import { scenariosApi } from '../api/scenarios-api.ts';
import { useEditorStore } from '../store/editor-store-context.tsx';

/**
 * Picks whose runs the node counts and recent runs show: every version together (the default,
 * so counts do not go blank when a new version is published), or one version.
 */
export function CountsVersionFilter({ scenario }: { scenario: Scenario }) {
  const { id, activeVersion } = scenario;
  const version = useEditorStore((state) => state.statsVersion);
  const setVersion = useEditorStore((state) => state.setStatsVersion);
  const [versions, setVersions] = useState<number[]>([]);
  useEffect(() => {
    if (activeVersion === null) return;
    let stopped = false;
    scenariosApi.versions(id).then(
      (list) => !stopped && setVersions(list.items.map((item) => item.version).sort((a, b) => b - a)),
      () => undefined,
    );
    return () => {
      stopped = true;
    };
  }, [id, activeVersion]);
  if (activeVersion === null) return null;
  return (
    <label className="counts-filter">
      <span>Counts of</span>
      <select
        aria-label="Counts of"
        value={version === null ? '' : String(version)}
        onChange={(event) => setVersion(event.target.value === '' ? null : Number(event.target.value))}
      >
        <option value="">all versions</option>
        {versions.map((number) => (
          <option key={number} value={number}>
            version {number}
            {number === activeVersion && scenario.status === 'active' ? ' (live)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
