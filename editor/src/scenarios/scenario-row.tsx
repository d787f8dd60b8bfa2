import { useState } from 'react';
import type { Scenario } from '../../../engine/scenario/index.ts';
import { navigate } from '../routing/use-hash-route.ts';
import { formatAgo, formatDate } from './format-date.ts';
import { StatusBadge } from './status-badge.tsx';

export interface ScenarioRowProps {
  scenario: Scenario;
  onDuplicate: (scenario: Scenario) => void;
  onDelete: (scenario: Scenario) => void;
  onVersions: (scenario: Scenario) => void;
}

/** One scenario in the list; delete asks for a second click instead of a modal. */
export function ScenarioRow({ scenario, onDuplicate, onDelete, onVersions }: ScenarioRowProps) {
  const [confirming, setConfirming] = useState(false);
  const open = () => navigate({ page: 'editor', scenarioId: scenario.id });
  return (
    <tr data-scenario-id={scenario.id}>
      <td>
        <a className="scenario-name" href={`#/scenarios/${encodeURIComponent(scenario.id)}`}>
          {scenario.name}
        </a>
        {scenario.description && <div className="muted small">{scenario.description}</div>}
      </td>
      <td>
        <StatusBadge status={scenario.status} />
      </td>
      <td className="numeric">{scenario.activeVersion ?? '—'}</td>
      <td title={formatDate(scenario.updatedAt)}>{formatAgo(scenario.updatedAt)}</td>
      <td className="row-actions">
        <button type="button" className="btn small" onClick={open}>
          Open
        </button>
        <button type="button" className="btn small ghost" onClick={() => onVersions(scenario)}>
          Versions
        </button>
        <button type="button" className="btn small ghost" onClick={() => onDuplicate(scenario)}>
          Duplicate
        </button>
        {confirming ? (
          <button
            type="button"
            className="btn small danger"
            onClick={() => onDelete(scenario)}
            onBlur={() => setConfirming(false)}
            autoFocus
          >
            Confirm delete
          </button>
        ) : (
          <button
            type="button"
            className="btn small ghost danger-text"
            disabled={scenario.status === 'active'}
            title={scenario.status === 'active' ? 'Deactivate the scenario before deleting it' : undefined}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
