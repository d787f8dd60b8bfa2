import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Scenario } from '../../../engine/scenario/index.ts';
import { EditorStoreProvider } from '../store/editor-store-context.tsx';
import type { EditorStore } from '../store/editor-store.ts';
import { EditorWorkspace } from './editor-workspace.tsx';
import { useScenarioDocument } from './use-scenario-document.ts';

/** `#/scenarios/:id`: loads the scenario, then hands it to the workspace inside its store. */
export function ScenarioEditorPage({ scenarioId }: { scenarioId: string }) {
  const { scenario, setScenario, store, error } = useScenarioDocument(scenarioId);
  if (error) {
    return (
      <div className="page">
        <p className="alert" role="alert">
          Could not open the scenario: {error}
        </p>
        <a href="#/">Back to scenarios</a>
      </div>
    );
  }
  if (!scenario || !store) return <div className="page muted">Opening…</div>;
  return <LoadedEditor scenario={scenario} setScenario={setScenario} store={store} />;
}

function LoadedEditor({
  scenario,
  setScenario,
  store,
}: {
  scenario: Scenario;
  setScenario: (next: Scenario) => void;
  store: EditorStore;
}) {
  return (
    <EditorStoreProvider store={store}>
      <ReactFlowProvider>
        <EditorWorkspace scenario={scenario} setScenario={setScenario} store={store} />
      </ReactFlowProvider>
    </EditorStoreProvider>
  );
}
