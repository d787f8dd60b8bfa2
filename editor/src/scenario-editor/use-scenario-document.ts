import { useEffect, useState } from 'react';
import type { Scenario } from '../../../engine/scenario/index.ts';
import { errorMessage } from '../api/api-client.ts';
import { scenariosApi } from '../api/scenarios-api.ts';
import { toGraph } from '../store/definition-convert.ts';
import { createEditorStore, type EditorStore } from '../store/editor-store.ts';

export interface ScenarioDocument {
  scenario: Scenario | null;
  setScenario: (scenario: Scenario) => void;
  store: EditorStore | null;
  error: string | null;
}

/** Loads a scenario and makes the editor store for it; a new id gets a new store (fresh history). */
export function useScenarioDocument(scenarioId: string): ScenarioDocument {
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [store, setStore] = useState<EditorStore | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    setScenario(null);
    setStore(null);
    setError(null);
    scenariosApi
      .get(scenarioId)
      .then((loaded) => {
        if (cancelled) return;
        setScenario(loaded);
        setStore(createEditorStore(toGraph(loaded.definition)));
      })
      .catch((failure: unknown) => !cancelled && setError(errorMessage(failure)));
    return () => {
      cancelled = true;
    };
  }, [scenarioId]);
  return { scenario, setScenario, store, error };
}
