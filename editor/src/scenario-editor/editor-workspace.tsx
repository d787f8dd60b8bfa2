import { useEffect, useState } from 'react';
import type { Scenario } from '../../../engine/scenario/index.ts';
import { ApiError, errorMessage } from '../api/api-client.ts';
import { scenariosApi } from '../api/scenarios-api.ts';
import { FlowCanvas } from '../canvas/flow-canvas.tsx';
import { EditorSidebar } from '../canvas/editor-sidebar.tsx';
import { useCanvasShortcuts } from '../canvas/use-canvas-shortcuts.ts';
import { Inspector } from '../inspector/inspector.tsx';
import { presetCatalog } from '../presets/preset-catalog.ts';
import { resolvePresetNodes } from '../presets/preset-node.ts';
import { toDefinition } from '../store/definition-convert.ts';
import type { EditorStore } from '../store/editor-store.ts';
import { CountsVersionFilter } from './counts-version-filter.tsx';
import { EditorToolbar, type EditorToolbarProps } from './editor-toolbar.tsx';
import { IssuesPanel } from './issues-panel.tsx';
import { liveNotice, stoppedNotice } from './live-notice.ts';
import { useAutosave } from './use-autosave.ts';
import { useLaunchActivity } from './use-launch-activity.ts';
import { useNodeStats } from './use-node-stats.ts';
import { useUnchangedDraft } from './use-unchanged-draft.ts';

export interface EditorWorkspaceProps {
  scenario: Scenario;
  setScenario: (scenario: Scenario) => void;
  store: EditorStore;
}

/** Toolbar, palette, canvas and inspector, plus the save / validate / activate flow. */
export function EditorWorkspace({ scenario, setScenario, store }: EditorWorkspaceProps) {
  const autosave = useAutosave(scenario.id, store);
  const [busy, setBusy] = useState<EditorToolbarProps['busy']>(null);
  const [issuesOpen, setIssuesOpen] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const live = scenario.status === 'active';
  useCanvasShortcuts(true);
  // Preset nodes show their preset's name: load the list with the editor, not only with its panel.
  useEffect(() => {
    void presetCatalog.getState().load(true);
  }, []);
  // Confirmations fade on their own; errors stay until dismissed.
  useEffect(() => {
    if (notice?.kind !== 'ok') return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);
  useNodeStats(store, { id: scenario.id, activeVersion: scenario.activeVersion, live });
  const unchanged = useUnchangedDraft(store, scenario);
  useLaunchActivity(store, scenario);

  const run = async (kind: NonNullable<EditorToolbarProps['busy']>, action: () => Promise<void>) => {
    setBusy(kind);
    setNotice(null);
    try {
      await action();
    } catch (failure) {
      if (failure instanceof ApiError && failure.issues.length > 0) {
        const { setIssues, focusIssue } = store.getState();
        setIssues(failure.issues);
        setIssuesOpen(true);
        // Like a form that refuses to submit: take the user to the first thing to fix.
        const first = failure.issues.find((issue) => issue.nodeId);
        if (first) focusIssue(first);
      } else setNotice({ kind: 'error', text: errorMessage(failure) });
    } finally {
      setBusy(null);
    }
  };
  const validate = () =>
    run('validate', async () => {
      const { nodes, edges, setIssues } = store.getState();
      // Preset nodes are filled from their pinned versions, as activation will fill them.
      const result = await scenariosApi.validate(await resolvePresetNodes(toDefinition({ nodes, edges })));
      setIssues(result.issues);
      setIssuesOpen(true);
    });
  const activate = () =>
    run('activate', async () => {
      await autosave.flush();
      const result = await scenariosApi.activate(scenario.id);
      setScenario(result.scenario);
      store.getState().setIssues([]);
      setIssuesOpen(false);
      const types = store.getState().nodes.map((node) => node.type);
      setNotice({
        kind: 'ok',
        text: liveNotice({ version: result.version.version, unchanged: result.unchanged, types }),
      });
    });
  const deactivate = () =>
    run('deactivate', async () => {
      setScenario(await scenariosApi.deactivate(scenario.id));
      setNotice({ kind: 'ok', text: stoppedNotice(store.getState().nodes.map((node) => node.type)) });
    });
  const rename = (name: string) =>
    void scenariosApi
      .update(scenario.id, { name })
      .then(setScenario)
      .catch((failure: unknown) => setNotice({ kind: 'error', text: errorMessage(failure) }));

  return (
    <div className="editor-page" data-scenario-id={scenario.id}>
      <EditorToolbar
        scenario={scenario}
        saveState={autosave.state}
        busy={busy}
        unchanged={unchanged}
        onRename={rename}
        onValidate={validate}
        onActivate={activate}
        onDeactivate={deactivate}
      />
      <div className="editor-main">
        <EditorSidebar />
        <main className="canvas-wrap">
          <FlowCanvas />
          {/* One row over the canvas, so the notice sits beside the counts filter, never over it. */}
          <div className="canvas-top">
            <CountsVersionFilter scenario={scenario} />
            {notice && (
              <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
                {notice.text}
                <button
                  type="button"
                  className="icon-btn"
                  aria-label="Dismiss"
                  onClick={() => setNotice(null)}
                >
                  ✕
                </button>
              </div>
            )}
          </div>
          {issuesOpen && <IssuesPanel onClose={() => setIssuesOpen(false)} />}
        </main>
        <Inspector scenarioId={scenario.id} hasRuns={scenario.activeVersion !== null} preferRuns={live} />
      </div>
    </div>
  );
}
