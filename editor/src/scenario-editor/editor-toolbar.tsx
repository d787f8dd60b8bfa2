import { ArrowLeft, CircleStop, LayoutGrid, ListChecks, Maximize, Play, Redo2, Undo2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { Scenario } from '../../../engine/scenario/index.ts';
import { layoutPositions } from '../canvas/auto-layout.ts';
import { StatusBadge } from '../scenarios/status-badge.tsx';
import { useEditorStore, useEditorStoreApi } from '../store/editor-store-context.tsx';
import type { SaveState } from './autosaver.ts';
import { SaveIndicator } from './save-indicator.tsx';
import { IconButton } from '../ui/icon-button.tsx';

export interface EditorToolbarProps {
  scenario: Scenario;
  saveState: SaveState;
  busy: 'validate' | 'activate' | 'deactivate' | null;
  /** The draft runs the same as the active version: there is nothing to publish. */
  unchanged: boolean;
  onRename: (name: string) => void;
  onValidate: () => void;
  onActivate: () => void;
  onDeactivate: () => void;
}

/** Name, status and save state on the left; editing tools in the middle; lifecycle on the right. */
export function EditorToolbar({
  scenario,
  saveState,
  busy,
  unchanged,
  onRename,
  onValidate,
  onActivate,
  onDeactivate,
}: EditorToolbarProps) {
  const store = useEditorStoreApi();
  const canUndo = useEditorStore((state) => state.past.length > 0);
  const canRedo = useEditorStore((state) => state.future.length > 0);
  const undo = useEditorStore((state) => state.undo);
  const redo = useEditorStore((state) => state.redo);
  const [name, setName] = useState(scenario.name);
  useEffect(() => setName(scenario.name), [scenario.name]);

  const layout = () => {
    const { nodes, edges, setPositions, requestView } = store.getState();
    setPositions(layoutPositions({ nodes, edges }));
    requestView({ kind: 'fit' });
  };
  const rename = () => {
    const trimmed = name.trim();
    if (trimmed && trimmed !== scenario.name) onRename(trimmed);
    else setName(scenario.name);
  };
  const active = scenario.status === 'active';
  return (
    <header className="editor-toolbar">
      <a className="icon-btn" href="#/" aria-label="Back to scenarios" title="Back to scenarios">
        <ArrowLeft size={17} aria-hidden />
      </a>
      <input
        className="scenario-title"
        aria-label="Scenario name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        onBlur={rename}
        onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
      />
      <StatusBadge status={scenario.status} />
      {scenario.activeVersion !== null && <span className="muted small">v{scenario.activeVersion}</span>}
      <SaveIndicator state={saveState} />
      <div className="toolbar-group" role="toolbar" aria-label="Canvas tools">
        <IconButton label="Undo" title="Undo (Ctrl Z)" disabled={!canUndo} onClick={undo}>
          <Undo2 size={16} aria-hidden />
        </IconButton>
        <IconButton label="Redo" title="Redo (Ctrl Shift Z)" disabled={!canRedo} onClick={redo}>
          <Redo2 size={16} aria-hidden />
        </IconButton>
        <IconButton label="Auto-layout" onClick={layout}>
          <LayoutGrid size={16} aria-hidden />
        </IconButton>
        <IconButton label="Zoom to fit" onClick={() => store.getState().requestView({ kind: 'fit' })}>
          <Maximize size={16} aria-hidden />
        </IconButton>
      </div>
      <div className="toolbar-actions">
        <button type="button" className="btn" disabled={busy !== null} onClick={onValidate}>
          <ListChecks size={15} aria-hidden /> {busy === 'validate' ? 'Validating…' : 'Validate'}
        </button>
        {active && (
          <button type="button" className="btn" disabled={busy !== null} onClick={onDeactivate}>
            <CircleStop size={15} aria-hidden /> {busy === 'deactivate' ? 'Stopping…' : 'Deactivate'}
          </button>
        )}
        <button
          type="button"
          className="btn primary"
          disabled={busy !== null || (active && unchanged)}
          title={active && unchanged ? `Nothing changed since version ${scenario.activeVersion}` : undefined}
          onClick={onActivate}
        >
          <Play size={15} aria-hidden />{' '}
          {busy === 'activate'
            ? 'Activating…'
            : !active
              ? 'Activate'
              : unchanged
                ? 'No changes to publish'
                : 'Publish changes'}
        </button>
      </div>
    </header>
  );
}
