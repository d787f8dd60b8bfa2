import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import {
  type Scenario,
  type ScenarioDefinition,
  ScenarioDefinitionSchema,
  sameDefinition,
} from '../../../engine/scenario/index.ts';
import { scenariosApi } from '../api/scenarios-api.ts';
import { resolvePresetNodes } from '../presets/preset-node.ts';
import { toDefinition } from '../store/definition-convert.ts';
import type { EditorStore } from '../store/editor-store.ts';

/** How long edits settle before the draft is compared again. */
const SETTLE_MS = 250;

/**
 * Whether the draft on the canvas runs the same as the scenario's last activated version (as the
 * server compares them: preset nodes filled, defaults applied, positions ignored), so "Publish
 * changes" can say there is nothing to publish. False while unknown.
 */
export function useUnchangedDraft(store: EditorStore, scenario: Scenario): boolean {
  const { id, activeVersion } = scenario;
  const [active, setActive] = useState<ScenarioDefinition | null>(null);
  const revision = useStore(store, (state) => state.revision);
  const [unchanged, setUnchanged] = useState(false);

  useEffect(() => {
    setActive(null);
    if (activeVersion === null) return;
    let stopped = false;
    scenariosApi.version(id, activeVersion).then(
      (version) => !stopped && setActive(version.definition),
      () => undefined,
    );
    return () => {
      stopped = true;
    };
  }, [id, activeVersion]);

  useEffect(() => {
    if (!active) return setUnchanged(false);
    let stopped = false;
    const timer = setTimeout(() => {
      const { nodes, edges } = store.getState();
      void resolvePresetNodes(toDefinition({ nodes, edges })).then((draft) => {
        const parsed = ScenarioDefinitionSchema.safeParse(draft);
        if (!stopped) setUnchanged(parsed.success && sameDefinition(parsed.data, active));
      });
    }, SETTLE_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [store, active, revision]);
  return unchanged;
}
