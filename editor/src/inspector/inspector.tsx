import { useEditorStore } from '../store/editor-store-context.tsx';
import type { EditorState } from '../store/editor-store.ts';
import { EmptyInspector } from './empty-inspector.tsx';
import { NodeInspector } from './node-inspector.tsx';

/** The id of the only selected node, or null; a string, so the selector result compares cheaply. */
function singleSelected(state: EditorState): string | null {
  let found: string | null = null;
  for (const node of state.nodes) {
    if (!node.selected) continue;
    if (found) return null;
    found = node.id;
  }
  return found;
}

const selectionSize = (state: EditorState) =>
  state.nodes.reduce((count, node) => count + (node.selected ? 1 : 0), 0);

export interface InspectorProps {
  scenarioId: string;
  /** Whether runs exist to show (the scenario has been activated at least once). */
  hasRuns: boolean;
  /** Open the runs list first: the scenario is live and the user is watching it. */
  preferRuns: boolean;
}

/** The right panel: the selected node's form and runs, or hints when nothing is selected. */
export function Inspector(props: InspectorProps) {
  const nodeId = useEditorStore(singleSelected);
  const count = useEditorStore(selectionSize);
  return (
    <aside className="inspector" aria-label="Inspector">
      {nodeId ? (
        <NodeInspector key={nodeId} nodeId={nodeId} {...props} />
      ) : (
        <EmptyInspector selected={count} />
      )}
    </aside>
  );
}
