import type { ScenarioStatus } from '../../../engine/scenario/index.ts';

const LABELS: Record<ScenarioStatus, string> = { draft: 'Draft', active: 'Active', stopped: 'Stopped' };

/** The scenario's lifecycle at a glance; colour and text, so it reads without colour too. */
export function StatusBadge({ status }: { status: ScenarioStatus }) {
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      {LABELS[status]}
    </span>
  );
}
